package dev.scribe.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * MCP load over Streamable HTTP: N sessions, each with its own keep-alive connection, optionally
 * bound to a project with set_project, then busy with tool calls (see {@link LoadRun} for the
 * closed and the open loop). One selector thread drives every connection, so the generator costs
 * little CPU next to the server. With {@code --hold N} it instead holds N idle sessions and reports
 * the server's memory per session ({@link HoldSessions}).
 *
 * <pre>
 * java -cp benchmarks.jar dev.scribe.bench.load.LoadGenerator --url http://127.0.0.1:PORT/mcp \
 *     [--sessions 64] [--projects 8] [--no-bind] [--warmup 10] [--seconds 30] \
 *     [--tool append_entry|read_recent|NAME] [--args JSON] [--rate CALLS_PER_S] \
 *     [--server-pid PID]   # the server's CPU time per call (Linux /proc), and its memory in --hold
 *     [--slow-calls FILE]  # CSV of the measured calls slower than 2 ms: when each was due, how slow
 * java -cp benchmarks.jar dev.scribe.bench.load.LoadGenerator --url … --hold 1000 [--hold-shared] \
 *     [--idle 10] --server-pid PID
 * </pre>
 */
public final class LoadGenerator {

  public static void main(String[] args) throws Exception {
    String url = null;
    int sessions = 64;
    int projects = 8;
    boolean bind = true;
    int warmup = 10;
    int seconds = 30;
    String tool = "append_entry";
    String toolArgs = null;
    double rate = 0;
    long serverPid = -1;
    int hold = 0;
    boolean holdShared = false;
    int idle = 0;
    Path slowCalls = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--projects" -> projects = Integer.parseInt(args[++i]);
        case "--no-bind" -> bind = false;
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--tool" -> tool = args[++i];
        case "--args" -> toolArgs = args[++i];
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
        case "--hold" -> hold = Integer.parseInt(args[++i]);
        case "--hold-shared" -> holdShared = true;
        case "--idle" -> idle = Integer.parseInt(args[++i]);
        case "--slow-calls" -> slowCalls = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) throw new IllegalArgumentException("--url is required");
    McpWire wire = new McpWire(URI.create(url));
    ServerProcess server = new ServerProcess(serverPid);
    if (hold > 0) {
      System.exit(new HoldSessions(wire, server, holdShared).run(hold, idle) ? 0 : 1);
    }
    Path root = bind ? Files.createTempDirectory("scribe-load-") : null;
    List<LoadRun.Conn> conns = open(wire, sessions, bind ? projects : 0, root);
    System.out.printf(Locale.ROOT, "load: %d sessions%s, tool %s%n", sessions,
        bind ? " bound to " + projects + " projects" : " (not bound)", tool);
    Function<LoadRun.Conn, String> call = calls(tool, toolArgs);
    String label = tool + " x " + sessions + " sessions";
    new LoadRun(wire, call, rate, server, label).run(conns, warmup, false);
    LoadRun measured = new LoadRun(wire, call, rate, server, label);
    measured.run(conns, seconds, true);
    if (slowCalls != null) measured.writeSlowCalls(slowCalls);
    for (LoadRun.Conn c : conns) c.channel.close();
  }

  /** Opens the sessions; with projects > 0 binds session i to project i % projects. */
  private static List<LoadRun.Conn> open(McpWire wire, int sessions, int projects, Path root) throws IOException {
    List<LoadRun.Conn> out = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      SocketChannel ch = wire.connect();
      LoadRun.Conn c = new LoadRun.Conn(i, ch);
      c.sessionId = wire.openSession(ch, c.parser);
      if (projects > 0) {
        String project = root.getFileName() + "-" + (i % projects);
        String arguments = "{\"name\":\"" + project + "\",\"root\":\"" + root.resolve(project) + "\"}";
        HttpResponseParser bound = wire.roundTrip(ch, c.parser, c.sessionId, McpWire.toolCall(2, "set_project", arguments));
        if (bound.status() != 200 || bound.body().contains("\"isError\":true")) {
          throw new IOException("set_project failed: " + bound.body());
        }
      }
      ch.configureBlocking(false);
      out.add(c);
    }
    return out;
  }

  /** The request body for each call: fixed arguments, or the built-in ones of two Scribe tools. */
  private static Function<LoadRun.Conn, String> calls(String tool, String toolArgs) {
    if (toolArgs != null) return c -> McpWire.toolCall(c.nextId++, tool, toolArgs);
    return switch (tool) {
      case "read_recent" -> c -> McpWire.toolCall(c.nextId++, tool, "{\"page_size\":10,\"format\":\"structured\"}");
      case "append_entry" -> LoadGenerator::appendEntry;
      default -> c -> McpWire.toolCall(c.nextId++, tool, "{}");
    };
  }

  /** A realistic ~0.5 KiB append_entry: a sentence of work, a status and reasoning meta. */
  private static String appendEntry(LoadRun.Conn c) {
    long id = c.nextId++;
    return McpWire.toolCall(id, "append_entry",
        "{\"message\":\"Refactored the session binding lookup in module " + c.index
            + " to avoid a second map read on the hot path; tests green (call " + id + ")\","
            + "\"status\":\"success\",\"agent\":\"LoadAgent-" + c.index + "\",\"format\":\"structured\","
            + "\"meta\":{\"component\":\"sessions\",\"phase\":\"perf\",\"files_changed\":\"SessionsView.java\","
            + "\"reasoning\":{\"why\":\"p99 regression under 64 sessions\",\"what\":\"single read per call\","
            + "\"how\":\"cache the state reference once per request\"}}}");
  }
}
