package dev.scribe.transport;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes one SSE response, confined to the response's event-loop context: every method must run
 * there. Event ids come from the session, so they are unique across all of its streams.
 */
final class SseWriter {
  private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

  private final Context context;
  private final HttpServerResponse response;
  private long keepAliveTimer = -1;
  private boolean started;

  SseWriter(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
  }

  boolean started() {
    return started;
  }

  /** Sends the status and headers (once). */
  void start(Duration keepAlive) {
    if (started) {
      return;
    }
    started = true;
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache, no-transform")
        .putHeader("X-Accel-Buffering", "no");
    if (!keepAlive.isZero()) {
      keepAliveTimer =
          context
              .owner()
              .setPeriodic(
                  keepAlive.toMillis(),
                  id -> {
                    if (isOpen()) {
                      response.write(Buffer.buffer(": keep-alive\n\n"));
                    } else {
                      stopKeepAlive();
                    }
                  });
    }
  }

  /** The 2025-11-25 priming event: an id and empty data, before anything else. */
  void prime(long eventId) {
    if (isOpen()) {
      response.write(Buffer.buffer("id: " + eventId + "\ndata: \n\n"));
    }
  }

  /** A comment line, which makes the client see the response head at once. */
  void comment(String text) {
    if (isOpen()) {
      response.write(Buffer.buffer(": " + text + "\n\n"));
    }
  }

  void event(long eventId, byte[] json) {
    if (!isOpen()) {
      return;
    }
    Buffer b = Buffer.buffer(json.length + 48);
    b.appendString("id: ").appendString(Long.toString(eventId)).appendString("\n");
    b.appendBytes(EVENT_PREFIX).appendBytes(json).appendBytes(EVENT_END);
    response.write(b);
  }

  void end() {
    stopKeepAlive();
    if (isOpen()) {
      response.end();
    }
  }

  boolean isOpen() {
    return !response.ended() && !response.closed();
  }

  void stopKeepAlive() {
    if (keepAliveTimer >= 0) {
      context.owner().cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
  }
}
