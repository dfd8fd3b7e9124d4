package dev.scribe.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes HTTP connections that stayed idle, with no request in flight, for a whole sweep
 * interval, as Node's {@code keepAliveTimeout} and Jetty's idle timeout do. An idle MCP session
 * then costs the server its session state alone (≈ 1.7 KB) instead of that plus an open
 * keep-alive connection (≈ 9 KB of Vert.x and Netty state, BENCHMARKS.md); the client opens a new
 * connection with its next request, which HTTP clients do anyway.
 *
 * <p>Only connections with nothing in flight are closed: an SSE stream is a request in flight and
 * is never cut, nor is a tool call answered in plain JSON that runs longer than the interval (a
 * plain idle timeout, Netty's {@code IdleStateHandler}, would cut both). Each check and close runs
 * on the connection's own event loop, so a request that connection has begun is always seen.
 *
 * <p>Use: {@link #opened} as the server's connection handler, this as the router's first handler,
 * and {@link #sweep} from a periodic timer.
 */
public final class IdleConnections implements Handler<RoutingContext> {

  /** One open connection; its counters are touched on its event loop only. */
  private static final class Tracked {
    final HttpConnection connection;
    final Context context;
    int inFlight;
    /** A request began or ended since the last sweep (or the connection was first seen since). */
    boolean active = true;

    Tracked(HttpConnection connection, Context context) {
      this.connection = connection;
      this.context = context;
    }
  }

  private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();

  /**
   * The server's connection handler: runs on the connection's event loop (for HTTP/1.x, Vert.x
   * calls it as the connection's first request arrives).
   */
  public void opened(HttpConnection connection) {
    open.put(connection, new Tracked(connection, Vertx.currentContext()));
    connection.closeHandler(v -> open.remove(connection));
  }

  /** Counts the request in flight until its response ends (or fails), then passes it on. */
  @Override
  public void handle(RoutingContext ctx) {
    Tracked t = open.get(ctx.request().connection());
    if (t != null) {
      t.inFlight++;
      t.active = true;
      ctx.addEndHandler(
          done -> {
            t.inFlight--;
            t.active = true;
          });
    }
    ctx.next();
  }

  /**
   * Closes every connection that had nothing in flight and neither began nor ended a request since
   * the previous sweep, so it was idle for at least the interval between sweeps; completes with
   * how many it closed.
   */
  public Future<Integer> sweep() {
    List<Future<Boolean>> checks = new ArrayList<>();
    for (Tracked t : open.values()) {
      Promise<Boolean> closed = Promise.promise();
      t.context.runOnContext(
          v -> {
            boolean idle = t.inFlight == 0 && !t.active;
            t.active = false;
            if (idle) {
              open.remove(t.connection);
              t.connection.close();
            }
            closed.complete(idle);
          });
      checks.add(closed.future());
    }
    return Future.all(checks)
        .map(all -> (int) checks.stream().filter(Future::result).count());
  }

  /** Connections open now. */
  public int size() {
    return open.size();
  }
}
