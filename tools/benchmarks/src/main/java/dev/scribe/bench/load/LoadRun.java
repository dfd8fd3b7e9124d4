package dev.scribe.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * One timed phase of tool calls over open sessions, driven by one selector thread; at most one
 * request is in flight per session (HTTP/1.1 without pipelining).
 *
 * <p>Closed loop ({@code rate <= 0}): each session sends its next call as soon as the previous
 * answer is in; the latency is the service time, which says nothing about a user arriving at a
 * fixed rate (coordinated omission). Open loop ({@code rate > 0}, as wrk2 does it): session i
 * is due to send at {@code start + (i + k * sessions) / rate}; a call is sent when due or, if the
 * session's previous call is late, right after it; its latency counts from the time it was due,
 * so a stall shows up in every call it delays (corrected for coordinated omission). The service
 * time (from the actual send) is reported too.
 */
final class LoadRun {

  /** One session: its connection, id and the request in flight. */
  static final class Conn {
    final int index;
    final SocketChannel channel;
    final HttpResponseParser parser = new HttpResponseParser();
    String sessionId;
    long nextId = 10;
    long due;
    long intendedAt;
    long sentAt;
    boolean busy;
    ByteBuffer pending;

    Conn(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
    }
  }

  private final McpWire wire;
  private final Function<Conn, String> call;
  private final double rate;
  private final ServerProcess server;
  private final String label;
  /** Calls slower than {@link #SLOW_NANOS}: due time since the start, latency, service time (ns). */
  private long[] slow = new long[3 * 1024];
  private int slowCount;
  private static final long SLOW_NANOS = 2_000_000;

  LoadRun(McpWire wire, Function<Conn, String> call, double rate, ServerProcess server, String label) {
    this.wire = wire;
    this.call = call;
    this.rate = rate;
    this.server = server;
    this.label = label;
  }

  // The phase's state. The loop's steps are methods of their own (below), so the JIT compiles
  // them once for all phases; a loop written inside run() is only compiled on-stack, for the
  // phase that runs it, and the measured phase would start its loop interpreted again.
  private final Histogram latency = new Histogram(60_000_000_000L, 3);
  private final Histogram service = new Histogram(60_000_000_000L, 3);
  private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
  private long start;
  private long interval;
  private boolean report;
  private int inFlight;
  private long done;
  private long errors;

  void run(List<Conn> conns, int seconds, boolean report) throws IOException {
    this.report = report;
    interval = rate > 0 ? Math.round(conns.size() * 1e9 / rate) : 0;
    try (Selector selector = Selector.open()) {
      long cpuStart = server.cpuTicks();
      Map<String, Long> threadsStart = report ? server.threadTicks() : Map.of();
      start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      for (Conn c : conns) {
        c.channel.register(selector, SelectionKey.OP_READ, c);
        c.due = start + (interval > 0 ? interval * c.index / conns.size() : 0);
      }
      while (true) {
        long nextDue = sendDue(conns, selector, end);
        if (inFlight == 0 && nextDue == Long.MAX_VALUE) break;
        waitForWork(selector, nextDue - System.nanoTime());
        handleReady(selector);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      if (!report) {
        System.out.printf(Locale.ROOT, "warm-up: %d calls in %.1f s%n", done, secs);
        return;
      }
      long cpuTicks = server.cpuTicks() - cpuStart;
      System.out.printf(Locale.ROOT, "%s, %s: %d calls in %.1f s = %.0f calls/s, errors %d%n",
          label, rate > 0 ? String.format(Locale.ROOT, "open loop at %.0f calls/s", rate) : "closed loop",
          done, secs, done / secs, errors);
      if (rate > 0) print("  latency from due time (CO-corrected)", latency);
      print("  service time (from send)", service);
      if (server.known() && done > 0) {
        double cpuSecs = cpuTicks / (double) ServerProcess.CLOCK_TICKS;
        System.out.printf(Locale.ROOT, "server CPU: %.1f s in %.1f s (%.2f cores) = %.1f us per call%n",
            cpuSecs, secs, cpuSecs / secs, cpuSecs * 1e6 / done);
        System.out.println(ServerProcess.threadCpuPerCall(threadsStart, server.threadTicks(), done));
      }
    }
  }

  /** Sends every call that is due; returns when the next one is due (none: Long.MAX_VALUE). */
  private long sendDue(List<Conn> conns, Selector selector, long end) throws IOException {
    long now = System.nanoTime();
    long nextDue = Long.MAX_VALUE;
    for (Conn c : conns) {
      if (c.busy || c.due >= end) continue;
      if (c.due <= now) {
        send(c, selector, now);
        inFlight++;
      } else {
        nextDue = Math.min(nextDue, c.due);
      }
    }
    return nextDue;
  }

  /** Writes what is pending on writable connections, reads and records the answers that came. */
  private void handleReady(Selector selector) throws IOException {
    for (SelectionKey k : selector.selectedKeys()) {
      Conn c = (Conn) k.attachment();
      if (k.isWritable() && c.pending != null) {
        c.channel.write(c.pending);
        if (!c.pending.hasRemaining()) {
          c.pending = null;
          k.interestOps(SelectionKey.OP_READ);
        }
      }
      if (!k.isReadable()) continue;
      in.clear();
      if (c.channel.read(in) < 0) throw new IOException("server closed session " + c.index);
      in.flip();
      c.parser.feed(in);
      while (c.busy && c.parser.parse()) answered(c);
    }
    selector.selectedKeys().clear();
  }

  private void answered(Conn c) {
    long t = System.nanoTime();
    if (report && t - c.intendedAt > SLOW_NANOS) noteSlow(c.intendedAt - start, t - c.intendedAt, t - c.sentAt);
    latency.recordValue(Math.max(1, t - c.intendedAt));
    service.recordValue(Math.max(1, t - c.sentAt));
    done++;
    inFlight--;
    c.busy = false;
    c.due = interval > 0 ? c.due + interval : t;
    String body = c.parser.body();
    if (c.parser.status() != 200 || body.contains("\"isError\":true") || body.contains("\"error\":{")) {
      if (errors++ < 3) System.err.println("error: " + c.parser.status() + " " + body);
    }
  }

  private void noteSlow(long dueAt, long latencyNs, long serviceNs) {
    if (slowCount + 3 > slow.length) slow = Arrays.copyOf(slow, slow.length * 2);
    slow[slowCount++] = dueAt;
    slow[slowCount++] = latencyNs;
    slow[slowCount++] = serviceNs;
  }

  /** Writes the calls slower than 2 ms (CO-corrected) as CSV: due_ms,latency_ms,service_ms. */
  void writeSlowCalls(Path file) throws IOException {
    // The start on System.nanoTime's clock (CLOCK_MONOTONIC) lines the calls up with a
    // `perf record -k CLOCK_MONOTONIC` trace of the server.
    StringBuilder out = new StringBuilder("# start_nanos=" + start + "\ndue_ms,latency_ms,service_ms\n");
    for (int i = 0; i < slowCount; i += 3) {
      out.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f%n", slow[i] / 1e6, slow[i + 1] / 1e6, slow[i + 2] / 1e6));
    }
    Files.writeString(file, out);
  }

  private static void print(String what, Histogram h) {
    System.out.printf(Locale.ROOT, "%s ms: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f%n", what,
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
  }

  /**
   * Waits for I/O or until the next call is due. Selector timeouts are whole milliseconds, so a
   * wait under 1.5 ms is cut into short parks (about 50 us) with a non-blocking select between.
   */
  private static void waitForWork(Selector selector, long waitNs) throws IOException {
    if (waitNs <= 0) {
      selector.selectNow();
    } else if (waitNs >= 1_500_000) {
      selector.select(Math.max(1, (waitNs - 500_000) / 1_000_000));
    } else if (selector.selectNow() == 0) {
      LockSupport.parkNanos(Math.min(waitNs, 50_000));
      selector.selectNow();
    }
  }

  private void send(Conn c, Selector selector, long now) throws IOException {
    ByteBuffer req = wire.request(c.sessionId, call.apply(c));
    c.busy = true;
    c.intendedAt = rate > 0 ? c.due : now;
    c.sentAt = System.nanoTime();
    c.channel.write(req);
    if (req.hasRemaining()) {
      c.pending = req;
      c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }
}
