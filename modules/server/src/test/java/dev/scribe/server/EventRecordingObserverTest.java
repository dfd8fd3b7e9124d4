package dev.scribe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.Acknowledgement;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.ToolOutcome;
import dev.scribe.mcp.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which records the observer lets the answer go out before they are durable. */
class EventRecordingObserverTest {
  private final List<Acknowledgement> asked = new ArrayList<>();
  private final AppendEvents log =
      new AppendEvents() {
        @Override
        public CompletableFuture<AppendResult> appendAsync(AppendRequest request) {
          return appendAsync(request, Acknowledgement.DURABLE);
        }

        @Override
        public CompletableFuture<AppendResult> appendAsync(
            AppendRequest request, Acknowledgement when) {
          asked.add(when);
          return CompletableFuture.completedFuture(new AppendResult(1, 1));
        }
      };
  private final EventRecordingObserver observer = new EventRecordingObserver(log, new EventCodec());

  private static ToolInvocation call(String tool, boolean readOnly) {
    return new ToolInvocation("s1", "x1", tool, "{}", ToolOutcome.OK, null, 5, readOnly);
  }

  @Test
  void only_the_record_of_a_read_only_call_is_acknowledged_before_it_is_durable() {
    observer.sessionOpened("s1", TransportKind.HTTP, new ClientInfo("c", "1"), "2025-06-18");
    observer.toolInvoked(call("read_recent", true));
    observer.toolInvoked(call("append_entry", false));
    observer.sessionClosed("s1", CloseReason.DELETED);

    assertThat(asked)
        .containsExactly(
            Acknowledgement.DURABLE,
            Acknowledgement.WRITTEN,
            Acknowledgement.DURABLE,
            Acknowledgement.DURABLE);
  }
}
