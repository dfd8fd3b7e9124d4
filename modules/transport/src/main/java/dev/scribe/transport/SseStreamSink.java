package dev.scribe.transport;

import dev.scribe.mcp.McpSession;
import dev.scribe.mcp.MessageSink;
import io.vertx.core.Context;

/** A session's standalone GET stream, as the engine sees it. */
final class SseStreamSink implements MessageSink {
  private final SseWriter sse;
  private final McpSession session;
  private final Outbox outbox;

  SseStreamSink(Context context, SseWriter sse, McpSession session) {
    this.sse = sse;
    this.session = session;
    this.outbox = new Outbox(context);
  }

  @Override
  public void send(byte[] message) {
    onContext(() -> sse.event(session.nextEventId(), message));
  }

  @Override
  public void close() {
    onContext(sse::end);
  }

  private void onContext(Runnable r) {
    outbox.submit(r);
  }
}
