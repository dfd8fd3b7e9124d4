package dev.scribe.transport;

import dev.scribe.mcp.McpSession;
import dev.scribe.mcp.ResponseChannel;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/**
 * The answer to one POST that carried requests. The engine calls it from any thread; every write
 * hops to the request's event-loop context.
 *
 * <p>Shape: with {@link AcceptMode#SSE_ONLY} an SSE stream opens at once (priming event first);
 * with {@link AcceptMode#EITHER} the answer is plain JSON unless a notification comes before the
 * response, which switches it to SSE; with {@link AcceptMode#JSON_ONLY} notifications are dropped.
 * A cancelled request ends an SSE stream without a response, or a JSON one with 204.
 */
final class HttpExchange implements ResponseChannel {
  private final HttpServerResponse response;
  private final McpSession session;
  private final AcceptMode mode;
  private final Duration keepAlive;
  private final SseWriter sse;
  private final Outbox outbox;
  private boolean done; // confined to the context

  HttpExchange(
      Context context,
      HttpServerResponse response,
      McpSession session,
      AcceptMode mode,
      Duration keepAlive) {
    this.response = response;
    this.session = session;
    this.mode = mode;
    this.keepAlive = keepAlive;
    this.sse = new SseWriter(context, response);
    this.outbox = new Outbox(context);
    response.closeHandler(v -> sse.stopKeepAlive());
    if (mode == AcceptMode.SSE_ONLY) {
      startSse();
    }
  }

  private void startSse() {
    sse.start(keepAlive);
    sse.prime(session.nextEventId());
  }

  @Override
  public boolean notify(byte[] message) {
    if (mode == AcceptMode.JSON_ONLY) {
      return false;
    }
    onContext(
        () -> {
          if (done) {
            return;
          }
          if (!sse.started()) {
            startSse();
          }
          sse.event(session.nextEventId(), message);
        });
    return true;
  }

  @Override
  public void respond(byte[] message) {
    onContext(
        () -> {
          if (done) {
            return;
          }
          done = true;
          if (sse.started()) {
            sse.event(session.nextEventId(), message);
            sse.end();
          } else if (!response.closed()) {
            response
                .setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .end(Bodies.of(message));
          }
        });
  }

  @Override
  public void abandon() {
    onContext(
        () -> {
          if (done) {
            return;
          }
          done = true;
          if (sse.started()) {
            sse.end();
          } else if (!response.closed()) {
            response.setStatusCode(204).end();
          }
        });
  }

  /** Every write only queues onto the request's context ({@link Outbox}). */
  @Override
  public boolean neverBlocks() {
    return true;
  }

  private void onContext(Runnable r) {
    outbox.submit(r);
  }
}
