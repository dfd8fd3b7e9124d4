package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.TransportKind;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official Java SDK client (2.1.0) against our Streamable HTTP transport. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class SdkClientHttpTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final RecordingObserver observer = new RecordingObserver();
  private McpHttpHandler handler;
  private McpSyncClient client;

  @BeforeEach
  void start(Vertx vertx) {
    McpServer server =
        TestServers.server(new TestTools().registry(), observer, executor, MutableClock.fixed());
    handler = McpHttpHandler.create(vertx, server, HttpTransportConfig.defaults());
    Router router = Router.router(vertx);
    handler.mount(router);
    HttpServer http =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router)
            .listen()
            .await();
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://localhost:" + http.actualPort())
                    .endpoint("/mcp")
                    .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .clientInfo(McpSchema.Implementation.builder("java-sdk-test", "2.1.0").build())
            .enableCallToolSchemaCaching(true)
            .build();
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    handler.close();
    executor.shutdownNow();
  }

  @Test
  void handshake_list_and_call() throws Exception {
    McpSchema.InitializeResult init = client.initialize();
    assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(init.serverInfo().name()).isEqualTo("scribe-test");
    RecordingObserver.Opened opened = observer.next(RecordingObserver.Opened.class);
    assertThat(opened.transport()).isEqualTo(TransportKind.HTTP);
    assertThat(opened.client().name()).isEqualTo("java-sdk-test");

    McpSchema.ListToolsResult tools = client.listTools();
    assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactly("echo", "add", "steps", "block", "fail");

    McpSchema.CallToolResult echo = client.callTool(call("echo", Map.of("message", "hi ✓")));
    assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(echo.structuredContent()).isEqualTo(Map.of("echo", "hi ✓"));
    assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).isEqualTo("hi ✓");

    // Tool errors validate against the published output schema too (the client checks it).
    McpSchema.CallToolResult bad = client.callTool(call("echo", Map.of("message", 3)));
    assertThat(bad.isError()).isTrue();
    assertThat(((McpSchema.TextContent) bad.content().get(0)).text()).startsWith("Invalid arguments: $.message");
    McpSchema.CallToolResult steps =
        client.callTool(call("steps", Map.of("steps", 2, "tag", "sdk")));
    assertThat(steps.structuredContent()).isEqualTo(Map.of("tag", "sdk", "steps", 2));
  }

  @Test
  void the_client_re_initialises_after_the_server_ends_its_session() throws Exception {
    client.initialize();
    String first = observer.next(RecordingObserver.Opened.class).sessionId();
    assertThat(handler.sessions().close(first, CloseReason.EXPIRED)).isTrue();
    McpSchema.CallToolRequest echo = call("echo", Map.of("message", "again"));
    try {
      client.callTool(echo); // 404: the SDK starts a new session in the background
    } catch (RuntimeException expected) {
      // the call that met the 404 may fail; the next one must work
    }
    String second = observer.next(RecordingObserver.Opened.class).sessionId();
    assertThat(second).isNotEqualTo(first);
    McpSchema.CallToolResult r = client.callTool(echo);
    assertThat(r.structuredContent()).isEqualTo(Map.of("echo", "again"));
    assertThat(handler.sessions().ids()).containsExactly(second);
  }

  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
  }
}
