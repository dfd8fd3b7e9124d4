package dev.scribe.bench.load;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "sessions held" mode: opens N sessions (initialize + notifications/initialized), leaves them
 * idle, checks that every one still answers a ping, and reports the server's memory growth per
 * idle session: used heap after a forced full GC (a JVM server, through jcmd) and resident set
 * size (any server). Each session keeps its own idle keep-alive connection, as N separate clients
 * would, unless {@code shared} is set: then all sessions are opened over one connection and the
 * figure is the session state alone.
 */
final class HoldSessions {
  /** Sessions opened before the baseline so that lazily loaded classes and caches are not counted. */
  private static final int WARM_UP_SESSIONS = 50;

  private final McpWire wire;
  private final ServerProcess server;
  private final boolean shared;

  HoldSessions(McpWire wire, ServerProcess server, boolean shared) {
    this.wire = wire;
    this.server = server;
    this.shared = shared;
  }

  /** Runs the mode; false when a held session no longer answered its ping. */
  boolean run(int n, int idleSeconds) throws IOException, InterruptedException {
    List<Held> warm = open(WARM_UP_SESSIONS);
    // Their connections are closed before the baseline, so that a server closing idle connections
    // later does not free memory the baseline counted.
    close(warm);
    long heap0 = server.heapUsedAfterGc();
    long rss0 = server.rssBytes();
    long t0 = System.nanoTime();
    List<Held> held = open(n);
    double openSecs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "hold: opened %d sessions (%s) in %.1f s (%.0f sessions/s)%n",
        n, shared ? "one shared connection" : "one idle connection each", openSecs, n / openSecs);
    printMemory("", heap0, rss0, n);
    if (idleSeconds > 0) {
      Thread.sleep(idleSeconds * 1000L);
      printMemory("after " + idleSeconds + " s idle, ", heap0, rss0, n);
    }
    int alive = ping(held);
    System.out.printf(Locale.ROOT, "hold: %d of %d held sessions answered ping after %d s idle%n", alive, n, idleSeconds);
    close(held);
    return alive == n;
  }

  /** The server's heap (after a full GC) and RSS now, against the baseline, per held session. */
  private void printMemory(String when, long heap0, long rss0, int n) throws IOException {
    long heap = server.heapUsedAfterGc();
    long rss = server.rssBytes();
    if (heap0 >= 0 && heap >= 0) {
      System.out.printf(Locale.ROOT, "hold: %sheap after full GC %.1f MiB -> %.1f MiB = %.0f bytes per idle session%n",
          when, heap0 / 1048576.0, heap / 1048576.0, (heap - heap0) / (double) n);
    }
    System.out.printf(Locale.ROOT, "hold: %sRSS %.1f MiB -> %.1f MiB = %.0f bytes per idle session%n",
        when, rss0 / 1048576.0, rss / 1048576.0, (rss - rss0) / (double) n);
  }

  private record Held(SocketChannel channel, HttpResponseParser parser, String sessionId) {}

  private List<Held> open(int n) throws IOException {
    List<Held> out = new ArrayList<>(n);
    SocketChannel sharedChannel = null;
    HttpResponseParser sharedParser = null;
    for (int i = 0; i < n; i++) {
      SocketChannel ch;
      HttpResponseParser parser;
      if (shared) {
        if (sharedChannel == null) {
          sharedChannel = wire.connect();
          sharedParser = new HttpResponseParser();
        }
        ch = sharedChannel;
        parser = sharedParser;
      } else {
        ch = wire.connect();
        parser = new HttpResponseParser();
      }
      out.add(new Held(ch, parser, wire.openSession(ch, parser)));
    }
    return out;
  }

  /**
   * Pings every held session on its own connection; when the server has closed that idle
   * connection (Node closes keep-alive connections after 5 s), on a fresh one, as a client would:
   * the session, not the connection, is what is held.
   */
  private int ping(List<Held> held) throws IOException {
    int ok = 0;
    int reconnected = 0;
    int failed = 0;
    SocketChannel fresh = null;
    HttpResponseParser freshParser = new HttpResponseParser();
    for (Held h : held) {
      HttpResponseParser r;
      try {
        r = wire.roundTrip(h.channel(), h.parser(), h.sessionId(), McpWire.ping(7));
      } catch (IOException e) {
        closeQuietly(h.channel());
        reconnected++;
        if (fresh == null || !fresh.isOpen()) {
          fresh = wire.connect();
          freshParser = new HttpResponseParser();
        }
        r = wire.roundTrip(fresh, freshParser, h.sessionId(), McpWire.ping(7));
      }
      if (r.status() == 200 && r.body().contains("\"result\"")) ok++;
      else if (failed++ < 3) System.err.println("hold: ping failed: " + r.status() + " " + r.body());
    }
    closeQuietly(fresh);
    if (reconnected > 0) {
      System.out.printf(Locale.ROOT, "hold: the server had closed %d idle connections; pinged those sessions on a new one%n",
          reconnected);
    }
    return ok;
  }

  private static void close(List<Held> held) {
    for (Held h : held) closeQuietly(h.channel());
  }

  private static void closeQuietly(SocketChannel ch) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
