package dev.scribe.transport;

import static dev.scribe.transport.testing.HttpMcp.ACCEPT_BOTH;
import static dev.scribe.transport.testing.HttpMcp.headers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.Content;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.ServerInfo;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolRegistry;
import dev.scribe.mcp.ToolResult;
import dev.scribe.mcp.testing.Ids;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.transport.testing.HttpMcp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tool's request to the client over Streamable HTTP: it goes out on the call's own POST, which
 * turns into an SSE stream; the client POSTs its answer (202) and the call's response follows on
 * the first stream.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ClientRequestsHttpTest {
  private static final Pattern REQUEST_ID = Pattern.compile("\"id\":(\\d+),\"method\":\"sampling/createMessage\"");

  private final ExecutorService executor = TestServers.toolExecutor();
  private HttpMcp http;
  private McpHttpHandler handler;

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    if (handler != null) {
      handler.close();
    }
    executor.shutdownNow();
  }

  private void start(Vertx vertx) {
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(ToolDefinition.contentTool("ask", "Asks the client's model.",
                    McpJson.parseObject("{\"type\":\"object\"}"), ToolAnnotations.forReads()),
                call -> {
                  ObjectNode p = McpJson.object().put("maxTokens", 5);
                  p.putArray("messages").addObject().put("role", "user")
                      .putObject("content").put("type", "text").put("text", "hi");
                  return call.context().createMessage(p).thenApply(r ->
                      ToolResult.content(new Content.Text("LLM: " + r.at("/content/text").asText())));
                })
            .build();
    McpServer server =
        McpServer.builder()
            .serverInfo(new ServerInfo("t", "1", null))
            .tools(tools)
            .executor(executor)
            .clock(MutableClock.fixed())
            .sessionIds(new Ids("session"))
            .executionIds(new Ids("exec"))
            .build();
    handler = McpHttpHandler.create(vertx, server, HttpTransportConfig.defaults().withSweepInterval(Duration.ZERO));
    Router router = Router.router(vertx);
    handler.mount(router);
    HttpServer s =
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router).listen().await();
    http = new HttpMcp(vertx, s.actualPort());
  }

  private String initialize(String capabilities) {
    HttpMcp.Reply init = http.post(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
        headers("Accept", ACCEPT_BOTH, "Content-Type", "application/json"));
    return init.header("Mcp-Session-Id");
  }

  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}";

  @Test
  void sampling_request_goes_out_on_the_post_stream_and_the_answer_comes_back_by_post(Vertx vertx) throws Exception {
    start(vertx);
    String sid = initialize("{\"sampling\":{}}");
    HttpMcp.Stream call = http.open(HttpMethod.POST, CALL,
        headers("Accept", ACCEPT_BOTH, "Content-Type", "application/json", "Mcp-Session-Id", sid));
    assertThat(call.status).isEqualTo(200);
    assertThat(call.headers.get("Content-Type")).isEqualTo("text/event-stream");
    Matcher m = REQUEST_ID.matcher(call.awaitText("sampling/createMessage"));
    assertThat(m.find()).isTrue();

    HttpMcp.Reply answer = http.post(
        "{\"jsonrpc\":\"2.0\",\"id\":" + m.group(1) + ",\"result\":{\"role\":\"assistant\","
            + "\"content\":{\"type\":\"text\",\"text\":\"hello\"},\"model\":\"m\"}}",
        headers("Accept", ACCEPT_BOTH, "Content-Type", "application/json", "Mcp-Session-Id", sid));
    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body()).isEmpty();

    assertThat(call.awaitText("LLM: hello")).contains("\"id\":7");
    call.ended().get(30, TimeUnit.SECONDS);
  }

  @Test
  void a_json_only_post_without_a_get_stream_cannot_carry_the_request(Vertx vertx) {
    start(vertx);
    String sid = initialize("{\"sampling\":{}}");
    HttpMcp.Reply r = http.post(CALL,
        headers("Accept", "application/json", "Content-Type", "application/json", "Mcp-Session-Id", sid));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/result/isError").asBoolean()).isTrue();
    assertThat(r.json().at("/result/structuredContent/error/code").asText()).isEqualTo("unsupported");
  }
}
