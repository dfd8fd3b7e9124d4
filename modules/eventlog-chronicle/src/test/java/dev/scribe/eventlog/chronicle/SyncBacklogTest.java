package dev.scribe.eventlog.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch policy's bookkeeping, on made-up times: when a sync starts and what it covers. */
class SyncBacklogTest {
  private static final long MS = 1_000_000;
  private static final File DAY_1 = new File("20261125.cq4");
  private static final File DAY_2 = new File("20261126.cq4");

  private final SyncBacklog<String> backlog = new SyncBacklog<>(100 * MS);

  @Test
  void a_group_nobody_waits_on_starts_its_sync_once_the_deferral_has_passed() {
    backlog.fileWritten(DAY_1);
    backlog.add("read-1", false, 0);
    backlog.add("read-2", false, 60 * MS);

    assertThat(backlog.startSync(false, 99 * MS)).isNull();
    assertThat(backlog.deferred()).isTrue();
    assertThat(backlog.nanosUntilDue(99 * MS)).isEqualTo(MS); // counted from the oldest group

    assertThat(backlog.startSync(false, 100 * MS)).containsExactly(DAY_1);
    assertThat(backlog.deferred()).isFalse();
    assertThat(backlog.synced()).containsExactly("read-1", "read-2");
    assertThat(backlog.isEmpty()).isTrue();
  }

  @Test
  void a_group_somebody_waits_on_starts_a_sync_at_once_that_covers_the_deferred_ones_before_it() {
    backlog.fileWritten(DAY_1);
    backlog.add("read", false, 0);
    backlog.add("write", true, MS);

    assertThat(backlog.startSync(false, MS)).containsExactly(DAY_1);
    assertThat(backlog.synced()).containsExactly("read", "write");
  }

  @Test
  void while_a_sync_runs_the_groups_written_meanwhile_wait_for_the_next_one() {
    backlog.fileWritten(DAY_1);
    backlog.add("write-1", true, 0);
    assertThat(backlog.startSync(false, 0)).containsExactly(DAY_1);

    backlog.fileWritten(DAY_2);
    backlog.add("write-2", true, 5 * MS);
    assertThat(backlog.startSync(false, 5 * MS)).as("one sync at a time").isNull();
    assertThat(backlog.syncing()).isTrue();

    assertThat(backlog.synced()).containsExactly("write-1");
    assertThat(backlog.startSync(false, 6 * MS)).as("only the files written since").containsExactly(DAY_2);
    assertThat(backlog.synced()).containsExactly("write-2");
  }

  @Test
  void the_deferral_of_groups_written_during_a_sync_counts_from_the_first_of_them() {
    backlog.add("write", true, 0);
    backlog.startSync(false, 0);
    backlog.add("read-1", false, 30 * MS);
    backlog.add("read-2", false, 50 * MS);
    backlog.synced();

    assertThat(backlog.nanosUntilDue(60 * MS)).isEqualTo(70 * MS);
    assertThat(backlog.startSync(false, 129 * MS)).isNull();
    assertThat(backlog.startSync(false, 130 * MS)).isNotNull();
    assertThat(backlog.synced()).containsExactly("read-1", "read-2");
  }

  @Test
  void closing_starts_the_sync_of_deferred_groups_at_once() {
    backlog.add("read", false, 0);

    assertThat(backlog.startSync(true, 0)).isNotNull();
    assertThat(backlog.synced()).containsExactly("read");
  }

  @Test
  void a_failed_sync_discards_every_group_and_the_next_write_starts_afresh() {
    backlog.fileWritten(DAY_1);
    backlog.add("write-1", true, 0);
    backlog.startSync(false, 0);
    backlog.add("write-2", true, MS);

    assertThat(backlog.discardAll()).containsExactly("write-1", "write-2");
    assertThat(backlog.isEmpty()).isTrue();
    assertThat(backlog.syncing()).isFalse();

    backlog.add("read", false, 10 * MS);
    assertThat(backlog.startSync(false, 10 * MS))
        .as("neither the discarded groups' wait nor their files carry over")
        .isNull();
    assertThat(backlog.startSync(false, 110 * MS)).isEqualTo(Set.of());
  }

  @Test
  void nothing_to_sync_starts_nothing_and_synced_without_a_sync_is_a_bug() {
    assertThat(backlog.startSync(true, 0)).isNull();
    assertThat(backlog.deferred()).isFalse();
    assertThatThrownBy(backlog::synced).isInstanceOf(IllegalStateException.class);
    assertThat(new SyncBacklog<String>(0).discardAll()).isEqualTo(List.of());
  }

  @Test
  void with_no_deferral_every_group_starts_its_sync_at_once() {
    SyncBacklog<String> immediate = new SyncBacklog<>(0);
    immediate.add("read", false, 42);

    assertThat(immediate.startSync(false, 42)).isNotNull();
  }
}
