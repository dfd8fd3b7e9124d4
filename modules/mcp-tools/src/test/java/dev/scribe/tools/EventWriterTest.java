package dev.scribe.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EventWriterTest {

  /** A log whose acknowledged position moves one step per wait, recording where each wait began. */
  private static final class SteppingReads implements ReadAll {
    final List<Long> waitsFrom = new ArrayList<>();
    long acknowledged;

    SteppingReads(long acknowledged) {
      this.acknowledged = acknowledged;
    }

    @Override
    public long lastPosition() {
      return acknowledged;
    }

    @Override
    public List<StoredEvent> readForward(long fromPosition, int maxEvents) {
      return List.of();
    }

    @Override
    public long awaitPosition(long knownLastPosition, Duration timeout) {
      waitsFrom.add(knownLastPosition);
      return ++acknowledged;
    }
  }

  @Test
  void a_conflict_is_rethrown_once_the_log_has_acknowledged_the_batch_that_won() {
    // The log had written up to 5 when it refused the batch, but acknowledged only up to 3.
    ExpectedVersionMismatchException conflict =
        new ExpectedVersionMismatchException("project-p", ExpectedVersion.exactly(1), 2, 5);
    AppendEvents refusing = request -> CompletableFuture.failedFuture(conflict);
    SteppingReads reads = new SteppingReads(3);
    EventWriter writer = new EventWriter(refusing, reads, new EventCodec());

    assertThatThrownBy(
            () ->
                writer.append(
                    "s1", "x1",
                    EventWriter.batch()
                        .add("project-p", new SessionClosed("s1", "deleted"))
                        .expect("project-p", ExpectedVersion.exactly(1))))
        .isSameAs(conflict);
    assertThat(reads.waitsFrom).containsExactly(3L, 4L);
    assertThat(reads.lastPosition()).isEqualTo(5);
  }
}
