package dev.scribe.transport.testing;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.SessionObserver;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.transport.HttpTransportConfig;
import dev.scribe.transport.McpHttpHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * Serves the HTTP transport with the test tools, for running the official conformance suite
 * against this module alone: {@code java -cp <test classpath> ...ConformanceServerMain [port]}.
 * Prints {@code listening <port>} on stdout once ready.
 */
public final class ConformanceServerMain {
  private ConformanceServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
    McpServer server =
        TestServers.server(
            new TestTools().registry(),
            SessionObserver.NONE,
            TestServers.toolExecutor(),
            MutableClock.fixed());
    McpHttpHandler mcp = McpHttpHandler.create(vertx, server, HttpTransportConfig.defaults());
    Router router = Router.router(vertx);
    mcp.mount(router);
    HttpServer http =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
            .requestHandler(router)
            .listen()
            .await();
    System.out.println("listening " + http.actualPort());
    System.out.flush();
  }
}
