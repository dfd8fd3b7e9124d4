package dev.scribe.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.projections.TestLog.Placed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldProjectionTest {
  private static final String HASH = "cd".repeat(32);

  @TempDir Path dir;

  private static RecordedEvent at(long position, Placed p) {
    return new RecordedEvent(
        position, p.stream(), 1, p.sessionId(), "", TestLog.CLOCK.instant(), p.event());
  }

  @Test
  void a_snapshotted_fold_resumes_from_its_checkpoint() throws Exception {
    FoldProjection<EntryCounts> p =
        FoldProjection.snapshotted("counts", EntryCounts.fold(), EntryCounts.CODEC);
    assertThat(p.open(dir)).isEqualTo(Checkpoint.NONE);
    p.apply(at(1, TestLog.bound("s1", "alpha")));
    p.apply(at(2, TestLog.entry("s1", "alpha", "e1", "m")));
    p.checkpoint(new Checkpoint(2, HASH));
    p.apply(at(3, TestLog.entry("s1", "alpha", "e2", "m")));

    FoldProjection<EntryCounts> again =
        FoldProjection.snapshotted("counts", EntryCounts.fold(), EntryCounts.CODEC);
    assertThat(again.open(dir)).isEqualTo(new Checkpoint(2, HASH));
    assertThat(again.current().position()).isEqualTo(2);
    assertThat(again.state().entries()).isEqualTo(Map.of("alpha", 1L));
    assertThat(again.state().bindings()).isEqualTo(Map.of("s1", "alpha"));
  }

  @Test
  void an_unreadable_snapshot_is_dropped_and_the_fold_starts_from_zero() throws Exception {
    Files.writeString(dir.resolve("checkpoint"), "garbage");
    FoldProjection<EntryCounts> p =
        FoldProjection.snapshotted("counts", EntryCounts.fold(), EntryCounts.CODEC);
    assertThat(p.open(dir)).isEqualTo(Checkpoint.NONE);
    assertThat(dir.resolve("checkpoint")).doesNotExist();

    CheckpointFile.write(dir.resolve("checkpoint"), new Checkpoint(5, HASH), "x\ty".getBytes());
    assertThat(p.open(dir)).as("state codec cannot decode it").isEqualTo(Checkpoint.NONE);
    assertThat(p.state()).isEqualTo(EntryCounts.EMPTY);
  }

  @Test
  void an_in_memory_fold_writes_nothing_and_reset_returns_to_the_initial_state() throws Exception {
    FoldProjection<EntryCounts> p = FoldProjection.inMemory("recent", EntryCounts.fold());
    assertThat(p.open(dir)).isEqualTo(Checkpoint.NONE);
    p.apply(at(1, TestLog.entry("s1", "alpha", "e1", "m")));
    p.checkpoint(new Checkpoint(1, HASH));
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    p.reset();
    assertThat(p.current()).isEqualTo(new AppliedState<>(0, EntryCounts.EMPTY));
  }

  @Test
  void events_without_a_handler_leave_the_state_unchanged_but_advance_the_position()
      throws Exception {
    FoldProjection<EntryCounts> p = FoldProjection.inMemory("counts", EntryCounts.fold());
    p.open(dir);
    p.apply(at(1, TestLog.toolInvoked("s1", "health_check")));
    assertThat(p.current()).isEqualTo(new AppliedState<>(1, EntryCounts.EMPTY));
  }
}
