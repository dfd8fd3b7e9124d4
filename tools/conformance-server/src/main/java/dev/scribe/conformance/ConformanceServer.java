package dev.scribe.conformance;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.ServerInfo;
import dev.scribe.transport.HttpTransportConfig;
import dev.scribe.transport.McpHttpHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The MCP conformance fixture: Scribe's protocol engine and Streamable HTTP transport serving the
 * tools, resources, prompts and completion the official suite expects, on 127.0.0.1 at
 * {@code /mcp}. No storage, no Scribe tools: this checks the protocol and transport layers.
 *
 * <pre>java -jar tools/conformance-server/target/scribe-conformance-server.jar [--port N] [--port-file F]</pre>
 *
 * {@code --port 0} (the default) takes any free port. Once listening it prints {@code
 * conformance-server listening on http://localhost:PORT/mcp} on stdout and, with {@code
 * --port-file}, writes the port to that file (atomically, so a reader never sees it half written).
 * It is a composition root like {@code modules/server}, so it may read the wall clock.
 */
public final class ConformanceServer implements AutoCloseable {
  private final Vertx vertx;
  private final ExecutorService executor;
  private final McpHttpHandler handler;
  private final HttpServer http;

  private ConformanceServer(Vertx vertx, ExecutorService executor, McpHttpHandler handler, HttpServer http) {
    this.vertx = vertx;
    this.executor = executor;
    this.handler = handler;
    this.http = http;
  }

  /** Starts a fixture server on 127.0.0.1 ({@code port} 0: any free port). */
  public static ConformanceServer start(int port) {
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    McpServer mcp =
        McpServer.builder()
            .serverInfo(new ServerInfo("scribe-conformance-server", "0.1.0", null))
            .tools(FixtureTools.registry(executor))
            .resources(FixtureResources.registry())
            .prompts(FixturePrompts.registry())
            .completions(FixturePrompts.completions())
            .executor(executor)
            .clock(Clock.systemUTC())
            .sessionIds(randomIds())
            .executionIds(counter())
            .build();
    Vertx vertx = Vertx.vertx();
    McpHttpHandler handler = McpHttpHandler.create(
            vertx,
            mcp,
            // Like the reference server: SSE whenever accepted, so the suite's SSE-only checks run.
            HttpTransportConfig.defaults().withSseWhenAccepted(true));
    Router router = Router.router(vertx);
    handler.mount(router);
    HttpServer http =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
            .requestHandler(router)
            .listen()
            .await();
    return new ConformanceServer(vertx, executor, handler, http);
  }

  public int port() {
    return http.actualPort();
  }

  /** The URL the suite takes: "localhost", because dns-rebinding-protection compares hosts. */
  public String url() {
    return "http://localhost:" + port() + "/mcp";
  }

  @Override
  public void close() {
    handler.close();
    vertx.close().await();
    executor.shutdownNow();
  }

  public static void main(String[] args) throws IOException {
    int port = 0;
    Path portFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--port-file" -> portFile = Path.of(value(args, ++i));
        default -> {
          System.err.println("usage: conformance-server [--port N] [--port-file FILE]");
          System.exit(2);
        }
      }
    }
    ConformanceServer server = start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "conformance-server-shutdown"));
    if (portFile != null) {
      writeAtomically(portFile, Integer.toString(server.port()));
    }
    System.out.println("conformance-server listening on " + server.url());
    System.out.flush();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), ".port", ".tmp");
    Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "fixture-tool-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Unguessable session ids (128 random bits, hex). */
  private static Supplier<String> randomIds() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] b = new byte[16];
      random.nextBytes(b);
      return HexFormat.of().formatHex(b);
    };
  }

  private static Supplier<String> counter() {
    AtomicLong n = new AtomicLong();
    return () -> "exec-" + n.incrementAndGet();
  }
}
