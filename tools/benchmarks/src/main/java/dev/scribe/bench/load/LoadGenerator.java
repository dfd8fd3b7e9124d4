package dev.scribe.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop MCP load over Streamable HTTP: N sessions, each with its own keep-alive connection,
 * binds a project with set_project and then calls a tool back to back; one selector thread drives
 * every connection, so the generator itself costs little CPU next to the server. Latency is from
 * writing the request to reading the whole response, recorded in an HdrHistogram.
 *
 * <pre>
 * java -cp benchmarks.jar dev.scribe.bench.load.LoadGenerator --url http://127.0.0.1:PORT/mcp \
 *     [--sessions 64] [--projects 8] [--warmup 10] [--seconds 30] [--tool append_entry|read_recent] \
 *     [--server-pid PID]   # also report the server's CPU time per call (Linux /proc)
 * </pre>
 */
public final class LoadGenerator {

  /** One session: its connection, id and the request in flight. */
  private static final class Conn {
    final int index;
    final SocketChannel channel;
    final HttpResponseParser parser = new HttpResponseParser();
    String sessionId;
    long sentAt;
    long nextId = 10;
    ByteBuffer pending;

    Conn(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
    }
  }

  private final URI url;
  private final int sessions;
  private final int projects;
  private final String tool;
  private final Path root;
  private final long serverPid;

  private LoadGenerator(URI url, int sessions, int projects, String tool, Path root, long serverPid) {
    this.url = url;
    this.sessions = sessions;
    this.projects = projects;
    this.tool = tool;
    this.root = root;
    this.serverPid = serverPid;
  }

  public static void main(String[] args) throws Exception {
    String url = null;
    int sessions = 64;
    int projects = 8;
    int warmup = 10;
    int seconds = 30;
    String tool = "append_entry";
    long serverPid = -1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--projects" -> projects = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--tool" -> tool = args[++i];
        case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) throw new IllegalArgumentException("--url is required");
    Path root = Files.createTempDirectory("scribe-load-");
    LoadGenerator g = new LoadGenerator(URI.create(url), sessions, projects, tool, root, serverPid);
    List<Conn> conns = g.open();
    System.out.printf(Locale.ROOT, "load: %d sessions bound to %d projects, tool %s%n", sessions, projects, tool);
    g.run(conns, warmup, false);
    g.run(conns, seconds, true);
    for (Conn c : conns) c.channel.close();
  }

  private List<Conn> open() throws IOException {
    List<Conn> out = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
      ch.socket().setTcpNoDelay(true);
      Conn c = new Conn(i, ch);
      HttpResponseParser init = roundTrip(c, null,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"scribe-load\",\"version\":\"1\"}}}");
      c.sessionId = init.sessionId();
      roundTrip(c, c.sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      String project = root.getFileName() + "-" + (i % projects);
      HttpResponseParser bound = roundTrip(c, c.sessionId,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"set_project\",\"arguments\":"
              + "{\"name\":\"" + project + "\",\"root\":\"" + root.resolve(project) + "\"}}}");
      if (bound.status() != 200 || bound.body().contains("\"isError\":true")) {
        throw new IOException("set_project failed: " + bound.body());
      }
      ch.configureBlocking(false);
      out.add(c);
    }
    return out;
  }

  private HttpResponseParser roundTrip(Conn c, String session, String body) throws IOException {
    c.channel.write(request(session, body));
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    while (true) {
      in.clear();
      if (c.channel.read(in) < 0) throw new IOException("connection closed");
      in.flip();
      c.parser.feed(in);
      if (c.parser.parse()) return c.parser;
    }
  }

  private ByteBuffer request(String session, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
            + "MCP-Protocol-Version: 2025-11-25\r\n"
            + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\n")
            + "Content-Length: " + b.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(h.length + b.length);
    out.put(h).put(b).flip();
    return out;
  }

  private String call(Conn c) {
    long id = c.nextId++;
    if (tool.equals("read_recent")) {
      return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"read_recent\","
          + "\"arguments\":{\"page_size\":10,\"format\":\"structured\"}}}";
    }
    // A realistic ~0.5 KiB append_entry: a sentence of work, a status and reasoning meta.
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"append_entry\","
        + "\"arguments\":{\"message\":\"Refactored the session binding lookup in module " + c.index
        + " to avoid a second map read on the hot path; tests green (call " + id + ")\","
        + "\"status\":\"success\",\"agent\":\"LoadAgent-" + c.index + "\",\"format\":\"structured\","
        + "\"meta\":{\"component\":\"sessions\",\"phase\":\"perf\",\"files_changed\":\"SessionsView.java\","
        + "\"reasoning\":{\"why\":\"p99 regression under 64 sessions\",\"what\":\"single read per call\","
        + "\"how\":\"cache the state reference once per request\"}}}}}";
  }

  private void run(List<Conn> conns, int seconds, boolean report) throws IOException {
    Histogram h = new Histogram(60_000_000_000L, 3);
    long errors = 0;
    long done = 0;
    try (Selector selector = Selector.open()) {
      for (Conn c : conns) {
        c.channel.register(selector, SelectionKey.OP_READ, c);
        send(c, selector);
      }
      long cpuStart = serverCpuTicks();
      java.util.Map<String, long[]> threadsStart = report ? serverThreadTicks() : java.util.Map.of();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      ByteBuffer in = ByteBuffer.allocate(256 * 1024);
      int inFlight = conns.size();
      while (inFlight > 0) {
        selector.select(100);
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
          int n = c.channel.read(in);
          if (n < 0) throw new IOException("server closed session " + c.index);
          in.flip();
          c.parser.feed(in);
          while (c.parser.parse()) {
            long now = System.nanoTime();
            h.recordValue(Math.max(1, now - c.sentAt));
            done++;
            if (c.parser.status() != 200 || c.parser.body().contains("\"isError\":true")) {
              if (errors++ < 3) System.err.println("error: " + c.parser.status() + " " + c.parser.body());
            }
            if (now < end) {
              send(c, selector);
            } else {
              inFlight--;
            }
          }
        }
        selector.selectedKeys().clear();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      long cpuTicks = serverCpuTicks() - cpuStart;
      if (report) {
        System.out.printf(Locale.ROOT,
            "%s: %d calls in %.1f s = %.0f calls/s, errors %d; latency ms p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f%n",
            tool, done, secs, done / secs, errors,
            h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
            h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
        if (serverPid > 0 && done > 0) {
          double cpuSecs = cpuTicks / (double) CLOCK_TICKS;
          System.out.printf(Locale.ROOT,
              "server CPU: %.1f s in %.1f s (%.2f cores) = %.0f us per call%n",
              cpuSecs, secs, cpuSecs / secs, cpuSecs * 1e6 / done);
          printThreadCpu(threadsStart, serverThreadTicks(), done);
        }
      } else {
        System.out.printf(Locale.ROOT, "warm-up: %d calls in %.1f s%n", done, secs);
      }
    }
  }

  /** Linux USER_HZ: /proc/PID/stat counts utime and stime in these ticks. */
  private static final long CLOCK_TICKS = 100;

  /** The server's utime + stime (fields 14 and 15 of /proc/PID/stat), or 0 without a pid. */
  private long serverCpuTicks() throws IOException {
    if (serverPid <= 0) return 0;
    String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Each server thread's name (digits folded to N) and utime + stime ticks, by thread id. */
  private java.util.Map<String, long[]> serverThreadTicks() {
    java.util.Map<String, long[]> out = new java.util.HashMap<>();
    if (serverPid <= 0) return out;
    try (var tasks = Files.list(Path.of("/proc/" + serverPid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(t.getFileName() + " " + name.replaceAll("[0-9]+", "N"),
              new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])});
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to report
    }
    return out;
  }

  /** The server's CPU per call by thread group (Linux truncates thread names to 15 characters). */
  private static void printThreadCpu(
      java.util.Map<String, long[]> start, java.util.Map<String, long[]> end, long calls) {
    java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
    for (var e : end.entrySet()) {
      long[] s = start.get(e.getKey());
      long d = e.getValue()[0] - (s == null ? 0 : s[0]);
      byGroup.merge(e.getKey().substring(e.getKey().indexOf(' ') + 1), d, Long::sum);
    }
    StringBuilder b = new StringBuilder("server CPU per call by thread (us):");
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .forEach(e -> b.append(String.format(Locale.ROOT, "%n  %7.1f  %s",
            e.getValue() * 1e6 / CLOCK_TICKS / calls, e.getKey())));
    System.out.println(b);
  }

  private void send(Conn c, Selector selector) throws IOException {
    ByteBuffer req = request(c.sessionId, call(c));
    c.sentAt = System.nanoTime();
    c.channel.write(req);
    if (req.hasRemaining()) {
      c.pending = req;
      c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }
}
