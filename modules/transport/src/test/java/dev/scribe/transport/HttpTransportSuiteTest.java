package dev.scribe.transport;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.TransportKind;
import dev.scribe.transport.testing.HttpMcp;
import dev.scribe.transport.testing.HttpMcpClient;
import dev.scribe.transport.testing.McpTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** The behaviour suite over Streamable HTTP on a real socket. */
class HttpTransportSuiteTest extends AbstractTransportSuite {
  private Vertx vertx;
  private HttpServer http;
  private HttpMcp client;
  private McpHttpHandler handler;

  @Override
  protected void start(McpServer server) throws Exception {
    vertx = Vertx.vertx();
    handler = McpHttpHandler.create(vertx, server, HttpTransportConfig.defaults());
    Router router = Router.router(vertx);
    handler.mount(router);
    http =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router)
            .listen()
            .await(30, TimeUnit.SECONDS);
    client = new HttpMcp(vertx, http.actualPort());
  }

  @Override
  protected McpTestClient newClient() {
    return new HttpMcpClient(client);
  }

  @Override
  protected void stop() throws Exception {
    handler.close();
    client.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Override
  protected TransportKind kind() {
    return TransportKind.HTTP;
  }
}
