package dev.scribe.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.EventLog;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.RestoredSession;
import dev.scribe.mcp.SessionLimits;
import dev.scribe.mcp.ToolRegistry;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.ProjectionStatus;
import dev.scribe.projections.RunnerConfig;
import dev.scribe.projections.views.SessionState;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.server.bus.EventBusPublisher;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.transport.HttpTransportConfig;
import dev.scribe.transport.IdleConnections;
import dev.scribe.transport.LoopbackConfig;
import dev.scribe.transport.LoopbackServer;
import dev.scribe.transport.McpHttpHandler;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that chooses implementations and wires them together —
 * the event log, the projections and views, the tools, the MCP engine, the HTTP and loopback
 * (stdio) transports and, when {@linkplain #publishEvents asked for}, the event-bus publisher.
 * Start it with {@link #start}; close it to stop everything in reverse order.
 */
public final class ScribeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScribeServer.class);
  private static final Duration STARTUP_CATCH_UP = Duration.ofMinutes(10);
  /**
   * How often idle HTTP connections are looked for: one with nothing in flight for a whole interval
   * (so 30–60 s) is closed ({@link IdleConnections}); SSE streams stay, being requests in flight
   * that send a keep-alive comment every 15 s.
   */
  private static final Duration IDLE_CONNECTION_SWEEP = Duration.ofSeconds(30);

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final DataDirectory data;
  private final ServerConfig config;
  private EventLog log;
  private EventCodec codec;
  private ProjectionRunner projections;
  private SessionsView sessions;
  private McpServer mcp;
  private ScribeMetrics metrics;
  private McpHttpHandler http;
  private Vertx vertx;
  private boolean publishing; // the first publishEvents() deployed the publisher
  private int httpPort;
  private int stdioPort;

  private ScribeServer(DataDirectory data, ServerConfig config) {
    this.data = data;
    this.config = config;
  }

  /** Starts a production server (system clock, secure ids, Chronicle log). */
  public static ScribeServer start(ServerConfig config) {
    return start(config, Environment.production());
  }

  /**
   * Starts a server: takes the data directory's lock, opens the log, catches every projection up,
   * restores the sessions that were open, then listens.
   *
   * @throws DataDirectoryInUseException when another process uses the data directory
   */
  public static ScribeServer start(ServerConfig config, Environment env) {
    DataDirectory data = DataDirectory.lock(config.dataDir(), ProcessHandle.current().pid());
    ScribeServer server = new ScribeServer(data, config);
    try {
      server.wire(env);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  private void wire(Environment env) {
    log = env.logFactory().apply(new Environment.OpenLog(data, config, env.clock(), env.ids()));
    closers.add(log);
    codec = new EventCodec();

    projections =
        ProjectionRunner.over(log, codec, RunnerConfig.defaults(data.projectionsDir()));
    closers.add(projections);
    sessions = new SessionsView();
    projections.register(sessions.projection());
    ToolKit kit = new ToolKit(log, log, log, codec, projections, env.clock(), env.ids());
    ScribeToolset toolset = new ScribeToolset(kit, sessions, config.logMaxBytes());
    toolset.projections().forEach(projections::register);
    projections.start();
    awaitCaughtUp();

    ExecutorService toolThreads =
        new ThreadPoolExecutor(
            config.toolThreads(), config.toolThreads(), 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), new NamedThreads("scribe-tool"));
    closers.add(toolThreads::shutdownNow);

    metrics = new ScribeMetrics();
    closers.add(metrics::close);
    ToolRegistry.Builder registry = ToolRegistry.builder();
    for (ToolBinding b : toolset.tools()) registry.add(b.definition(), b.handler());
    mcp =
        McpServer.builder()
            .serverInfo(
                new dev.scribe.mcp.ServerInfo("scribe", ScribeVersion.VERSION, Instructions.TEXT))
            .tools(registry.build())
            .gate(toolset.gate())
            .observer(metrics.observing(new EventRecordingObserver(log, codec)))
            .executor(toolThreads)
            .clock(env.clock())
            .sessionIds(env.ids())
            .executionIds(env.ids())
            .build();

    vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(8));
    closers.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));

    Set<String> hosts = new HashSet<>(HttpTransportConfig.LOCAL_HOSTS);
    hosts.addAll(config.allowedHosts());
    if (!"0.0.0.0".equals(config.host()) && !"::".equals(config.host())) hosts.add(config.host());
    HttpTransportConfig httpConfig =
        HttpTransportConfig.defaults()
            .withAllowedHosts(hosts)
            .withBearerToken(config.token())
            .withMaxBodyBytes(config.maxBodyBytes())
            .withSessionLimits(new SessionLimits(config.sessionIdleTtl(), config.maxSessions()));
    http = McpHttpHandler.create(vertx, mcp, httpConfig);
    closers.add(http::close);
    restoreSessions();
    metrics.watch(log, projections, () -> http.sessions().size());

    Router router = Router.router(vertx);
    IdleConnections idleConnections = new IdleConnections();
    router.route().handler(idleConnections);
    http.mount(router);
    router.get("/health").handler(this::health);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    // No WebSockets are served: without WebSocket compression support Vert.x leaves Netty's
    // WebSocket extension handler out of the pipeline every request and response passes through.
    HttpServerOptions options =
        new HttpServerOptions()
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false);
    HttpServer server =
        await(
            vertx
                .createHttpServer(options)
                .connectionHandler(idleConnections::opened)
                .requestHandler(router)
                .listen(config.port(), config.host()));
    httpPort = server.actualPort();
    closers.add(() -> await(server.close()));
    long idleSweeper =
        vertx.setPeriodic(IDLE_CONNECTION_SWEEP.toMillis(), id -> idleConnections.sweep());
    closers.add(() -> vertx.cancelTimer(idleSweeper));

    LoopbackServer loopback =
        await(
            LoopbackServer.start(
                vertx, mcp, LoopbackConfig.defaults().withPort(0).withToken(config.token())));
    stdioPort = loopback.port();
    closers.add(() -> await(loopback.close()));

    if (config.token() != null) data.writeToken(config.token());
    data.writeServerInfo(
        new ServerInfo(
            ProcessHandle.current().pid(), config.host(), httpPort, stdioPort,
            config.token() != null, ScribeVersion.VERSION));
    LOG.info(
        "Scribe {} serving MCP at http://{}:{}/mcp (stdio bridge on 127.0.0.1:{}), data {}",
        ScribeVersion.VERSION, config.host(), httpPort, stdioPort, data.root());
  }

  /** Waits until every projection has applied the whole log as it was at startup. */
  private void awaitCaughtUp() {
    try {
      if (!projections.awaitAllApplied(log.lastPosition(), STARTUP_CATCH_UP)) {
        LOG.warn("Projections did not catch up within {}; serving anyway", STARTUP_CATCH_UP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while catching projections up", e);
    }
  }

  /**
   * HTTP sessions survive a restart (their bindings are events): each one the log still has open
   * is restored. Stdio sessions were bound to a connection that is gone: they are closed.
   */
  private void restoreSessions() {
    for (SessionState s : sessions.open()) {
      if ("http".equals(s.transport())) {
        http.sessions()
            .restore(
                new RestoredSession(
                    s.sessionId(), s.protocolVersion(),
                    new ClientInfo(s.clientName(), s.clientVersion())));
      } else {
        log.append(
            AppendRequest.of(
                codec.toNew(
                    new SessionClosed(s.sessionId(), "shutdown"), Streams.session(s.sessionId()),
                    s.sessionId(), "")));
      }
    }
  }

  private void health(RoutingContext ctx) {
    ObjectNode body = McpJson.object();
    long position = log.lastPosition();
    boolean healthy = true;
    ArrayNode rows = body.putArray("projections");
    for (ProjectionStatus s : projections.status()) {
      ObjectNode row = rows.addObject();
      row.put("name", s.name()).put("state", s.state().name()).put("applied", s.lastApplied());
      row.put("lag", Math.max(0, position - s.lastApplied()));
      if (s.failureIfAny().isPresent()) {
        healthy = false;
        row.put("error", s.failureIfAny().get().error());
      }
    }
    body.put("status", healthy ? "healthy" : "degraded");
    body.put("logPosition", position);
    body.put("sessions", http.sessions().size());
    ctx.response()
        .setStatusCode(healthy ? 200 : 503)
        .putHeader("content-type", "application/json")
        .end(body.toString());
  }

  public int httpPort() {
    return httpPort;
  }

  public int stdioPort() {
    return stdioPort;
  }

  public EventLog log() {
    return log;
  }

  public ProjectionRunner projections() {
    return projections;
  }

  public McpServer mcp() {
    return mcp;
  }

  public McpHttpHandler http() {
    return http;
  }

  public DataDirectory dataDirectory() {
    return data;
  }

  /**
   * Publishes every event the log commits from now on on this server's Vert.x event bus ({@link
   * dev.scribe.server.bus.EventAddresses}, docs/event-bus.md) and returns that Vert.x instance, for
   * in-process consumers: plain ones on its event bus, or a {@link
   * dev.scribe.server.bus.CatchUpSubscription} over {@link #log()}.
   *
   * <p>The first call deploys the publisher, which starts after the log's last position; later
   * calls return the same instance. Until then nothing is published: a server nobody follows (such
   * as {@code scribe serve}, which has no in-process consumers) would otherwise decode and publish
   * every record of every call for no one (3.4 KB allocated per call, BENCHMARKS.md).
   *
   * @throws IllegalStateException on a Vert.x event loop thread, which must not wait for the
   *     deployment
   */
  public synchronized Vertx publishEvents() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "publishEvents() waits for the publisher to deploy: call it off the event loop");
    }
    if (!publishing) {
      // The publisher shares the projections' reads and decodes of the log. It runs on a worker
      // context, not on an event loop: under the batch fsync policy the records of read-only calls
      // become readable in groups (~500 every 100 ms at 5,000 calls/s), and publishing such a
      // group held an HTTP event loop for a millisecond or more, 256 events at a time.
      await(
          vertx.deployVerticle(
              new EventBusPublisher(log, projections.tail(), projections::decode),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
      publishing = true;
    }
    return vertx;
  }

  /** Whether {@link #publishEvents} has started publishing. */
  synchronized boolean publishingEvents() {
    return publishing;
  }

  /** Stops listening, drains, closes the log and releases the data directory. */
  @Override
  public void close() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while stopping: {}", e.toString());
      }
    }
    closers.clear();
    data.close();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }
}
