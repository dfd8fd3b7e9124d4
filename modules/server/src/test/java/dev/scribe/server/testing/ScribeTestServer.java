package dev.scribe.server.testing;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.schema.SchemaValidatingEventLog;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.tck.MutableClock;
import dev.scribe.eventlog.tck.SequentialIds;
import dev.scribe.server.Environment;
import dev.scribe.server.ScribeServer;
import dev.scribe.server.ServerConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The whole server in-process for tests: real Vert.x HTTP on a free port, real projections and
 * tools, an event log that is in memory (fast) or Chronicle on disk (restarts, durability), a
 * hand-moved clock, sequential ids. Every event written is checked against its published schema.
 */
public final class ScribeTestServer implements AutoCloseable {
  /** Where the clock starts: a fixed, readable instant. */
  public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  private final Path dataDir;
  private final MutableClock clock;
  private final SequentialIds ids;
  private final Function<Environment.OpenLog, EventLog> logFactory;
  private ServerConfig config;
  private final AtomicInteger clients = new AtomicInteger();
  private final EventCodec codec = new EventCodec();
  private final List<McpTestClient> open = new ArrayList<>();
  private ScribeServer server;

  private ScribeTestServer(
      Path dataDir, Function<Environment.OpenLog, EventLog> logFactory, ServerConfig config) {
    this.dataDir = dataDir;
    this.clock = new MutableClock(START);
    this.ids = new SequentialIds("id");
    this.logFactory = logFactory;
    this.config = config;
    start();
  }

  /** A server with an in-memory log; {@link #restart()} keeps the log. */
  public static ScribeTestServer inMemory(Path dataDir) {
    return inMemory(dataDir, UnaryOperator.identity());
  }

  /** As {@link #inMemory(Path)}, with the test's configuration changes (e.g. a small log size). */
  public static ScribeTestServer inMemory(Path dataDir, UnaryOperator<ServerConfig> configure) {
    InMemoryEventLog.Storage storage = new InMemoryEventLog.Storage();
    return new ScribeTestServer(
        dataDir,
        o -> SchemaValidatingEventLog.wrap(InMemoryEventLog.open(storage, o.clock(), o.ids())),
        configure.apply(defaults(dataDir)));
  }

  /** A server with a Chronicle log in {@code dataDir/log}. */
  public static ScribeTestServer chronicle(Path dataDir) {
    return new ScribeTestServer(
        dataDir, o -> SchemaValidatingEventLog.wrap(Environment.chronicle(o)), defaults(dataDir));
  }

  private static ServerConfig defaults(Path dataDir) {
    return ServerConfig.defaults(dataDir).withPort(0).withHost("127.0.0.1");
  }

  private void start() {
    Environment env =
        Environment.production().withClock(clock).withIds(ids).withLogFactory(logFactory);
    server = ScribeServer.start(config, env);
  }

  /**
   * Stops the server and starts a new one on the same data (and the same in-memory log) and the
   * same port, without ending any session: open clients carry on with their session ids, as an
   * agent does across a server restart.
   */
  public ScribeTestServer restart() {
    int port = server.httpPort();
    server.close();
    config = config.withPort(port);
    start();
    return this;
  }

  /** A new, initialised MCP session. */
  public McpTestClient client() {
    McpTestClient c =
        new McpTestClient(url(), "test-client-" + clients.incrementAndGet(), this::sessionOfClient);
    synchronized (open) {
      open.add(c);
    }
    return c;
  }

  private String sessionOfClient(String clientName) {
    for (RecordedEvent e : events()) {
      if (e.event() instanceof SessionOpened s && s.clientName().equals(clientName)) {
        return s.sessionId();
      }
    }
    throw new IllegalStateException("no SessionOpened for client " + clientName);
  }

  /** {@code http://127.0.0.1:<port>} (the MCP endpoint is {@code /mcp}). */
  public String url() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  public MutableClock clock() {
    return clock;
  }

  public ScribeServer server() {
    return server;
  }

  public EventLog log() {
    return server.log();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Every event in the log, decoded, in order. */
  public List<RecordedEvent> events() {
    List<RecordedEvent> out = new ArrayList<>();
    server.log().forEach(1, e -> out.add(codec.toRecorded(e)));
    return out;
  }

  /** The decoded events of one type, in order. */
  public <E> List<E> events(Class<E> type) {
    List<E> out = new ArrayList<>();
    for (RecordedEvent e : events()) if (type.isInstance(e.event())) out.add(type.cast(e.event()));
    return out;
  }

  private void closeClients() {
    synchronized (open) {
      for (McpTestClient c : open) {
        try {
          c.close();
        } catch (RuntimeException e) {
          // the session may be gone already
        }
      }
      open.clear();
    }
  }

  @Override
  public void close() {
    closeClients();
    server.close();
  }
}
