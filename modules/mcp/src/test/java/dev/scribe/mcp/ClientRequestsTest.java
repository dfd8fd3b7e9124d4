package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.testing.Ids;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.StdioPeer;
import dev.scribe.mcp.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-to-client requests (sampling, elicitation) made by a running tool, over a stdio connection. */
@Timeout(60)
class ClientRequestsTest {
  private static final String NO_ARGS = "{\"type\":\"object\"}";
  private static final String SAMPLING_AND_ELICITATION = "{\"sampling\":{},\"elicitation\":{}}";

  private final ExecutorService executor = TestServers.toolExecutor();
  /** Threads the tools' continuations ran on, after the client's answer arrived. */
  private final BlockingQueue<String> continuationThreads = new LinkedBlockingQueue<>();
  /** Stages of requests the {@code hold} tool sent and is still waiting for. */
  private final BlockingQueue<CompletionStage<JsonNode>> held = new LinkedBlockingQueue<>();
  private final StdioPeer peer = new StdioPeer(server());

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private McpServer server() {
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(tool("ask"), call -> call.context().createMessage(sampling("hi")).thenApply(r -> {
              continuationThreads.add(Thread.currentThread().getName());
              return ToolResult.content(new Content.Text("LLM: " + r.at("/content/text").asText()));
            }))
            .add(tool("form"), call -> call.context()
                .elicit("Who are you?", McpJson.parseObject("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"))
                .thenApply(r -> ToolResult.content(new Content.Text(r.action().wireName() + " " + r.content()))))
            .add(tool("impatient"), call -> call.context()
                .request("sampling/createMessage", sampling("quick"), Duration.ofMillis(50))
                .thenApply(r -> ToolResult.content(new Content.Text("answered"))))
            .add(tool("hold"), call -> {
              CompletionStage<JsonNode> s = call.context().request("sampling/createMessage", sampling("wait"), Duration.ofMinutes(5));
              held.add(s);
              return s.thenApply(r -> ToolResult.content(new Content.Text("answered")));
            })
            .add(tool("twice"), call -> {
              CompletableFuture<JsonNode> a = call.context().createMessage(sampling("a")).toCompletableFuture();
              CompletableFuture<JsonNode> b = call.context().createMessage(sampling("b")).toCompletableFuture();
              return a.thenCombine(b, (x, y) -> ToolResult.content(new Content.Text(
                  x.at("/content/text").asText() + "+" + y.at("/content/text").asText())));
            })
            .build();
    return McpServer.builder()
        .serverInfo(new ServerInfo("t", "1", null))
        .tools(tools)
        .executor(executor)
        .clock(MutableClock.fixed())
        .sessionIds(new Ids("s"))
        .executionIds(new Ids("e"))
        .build();
  }

  private static ToolDefinition tool(String name) {
    return ToolDefinition.contentTool(name, "Test tool " + name, McpJson.parseObject(NO_ARGS), ToolAnnotations.forReads());
  }

  private static ObjectNode sampling(String prompt) {
    ObjectNode p = McpJson.object();
    p.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text").put("text", prompt);
    return p.put("maxTokens", 10);
  }

  private void call(int id, String tool) {
    peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}");
  }

  private JsonNode nextRequest(String method) throws InterruptedException {
    return peer.wire.next(m -> m.has("id") && method.equals(m.path("method").asText()));
  }

  private JsonNode response(int id) throws InterruptedException {
    return peer.wire.next(m -> m.path("id").asInt(-1) == id && !m.has("method"));
  }

  private void answer(JsonNode request, String result) {
    peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}");
  }

  @Test
  void sampling_goes_to_the_client_and_its_answer_completes_the_call_on_the_executor() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(5, "ask");
    JsonNode req = nextRequest("sampling/createMessage");
    assertThat(req.at("/params/messages/0/content/text").asText()).isEqualTo("hi");
    assertThat(req.at("/params/maxTokens").asInt()).isEqualTo(10);
    answer(req, "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hello\"},\"model\":\"m\"}");
    JsonNode r = response(5);
    assertThat(r.at("/result/content/0/text").asText()).isEqualTo("LLM: hello");
    assertThat(r.at("/result").has("isError")).isFalse();
    assertThat(continuationThreads.poll(10, TimeUnit.SECONDS)).startsWith("scribe-test-tool-");
  }

  @Test
  void elicitation_results_are_typed() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(1, "form");
    JsonNode req = nextRequest("elicitation/create");
    assertThat(req.at("/params/message").asText()).isEqualTo("Who are you?");
    assertThat(req.at("/params/requestedSchema/properties/name/type").asText()).isEqualTo("string");
    answer(req, "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}");
    assertThat(response(1).at("/result/content/0/text").asText()).isEqualTo("accept {\"name\":\"Ada\"}");
    call(2, "form");
    answer(nextRequest("elicitation/create"), "{\"action\":\"decline\"}");
    assertThat(response(2).at("/result/content/0/text").asText()).isEqualTo("decline null");
  }

  @Test
  void a_client_without_the_capability_gets_no_request_and_the_tool_fails() throws Exception {
    peer.initialize("{}");
    call(1, "ask");
    JsonNode r = response(1);
    assertThat(r.at("/result/isError").asBoolean()).isTrue();
    assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo(ErrorTable.UNSUPPORTED);
    assertThat(r.at("/result/content/0/text").asText()).contains("sampling");
    assertThat(peer.wire.drain()).noneMatch(m -> m.has("method"));
  }

  @Test
  void a_client_error_fails_the_request_with_what_the_client_said() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(1, "ask");
    JsonNode req = nextRequest("sampling/createMessage");
    peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":-1,\"message\":\"User rejected sampling request\"}}");
    JsonNode r = response(1);
    assertThat(r.at("/result/isError").asBoolean()).isTrue();
    assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo(ClientRequestException.CODE);
    assertThat(r.at("/result/structuredContent/clientError/code").asInt()).isEqualTo(-1);
    assertThat(r.at("/result/content/0/text").asText()).contains("User rejected sampling request");
  }

  @Test
  void an_unanswered_request_times_out_and_the_client_is_told() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(1, "impatient");
    JsonNode req = nextRequest("sampling/createMessage");
    JsonNode cancelled = peer.wire.next(m -> "notifications/cancelled".equals(m.path("method").asText()));
    assertThat(cancelled.at("/params/requestId")).isEqualTo(req.get("id"));
    JsonNode r = response(1);
    assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo(ErrorTable.TIMEOUT);
    // A late answer finds nothing waiting and is dropped; the session carries on.
    answer(req, "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"late\"},\"model\":\"m\"}");
    assertThat(peer.request(2, "ping", "{}").get("result").isEmpty()).isTrue();
  }

  @Test
  void ending_the_session_fails_a_pending_request() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(1, "hold");
    nextRequest("sampling/createMessage");
    CompletionStage<JsonNode> pending = held.poll(10, TimeUnit.SECONDS);
    assertThat(pending).isNotNull();
    peer.connection.close(CloseReason.DISCONNECTED);
    Throwable failure = pending.toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(CancellationException.class);
    assertThat(peer.connection.session().orElseThrow().outbound().size()).isZero();
  }

  @Test
  void concurrent_requests_get_distinct_ids_and_answers_in_any_order_are_matched() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    call(1, "twice");
    JsonNode first = nextRequest("sampling/createMessage");
    JsonNode second = nextRequest("sampling/createMessage");
    assertThat(first.get("id")).isNotEqualTo(second.get("id"));
    answer(second, "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"" + second.at("/params/messages/0/content/text").asText() + "!\"},\"model\":\"m\"}");
    answer(first, "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"" + first.at("/params/messages/0/content/text").asText() + "!\"},\"model\":\"m\"}");
    assertThat(response(1).at("/result/content/0/text").asText()).isEqualTo("a!+b!");
  }

  @Test
  void a_response_nobody_waits_for_is_ignored() throws Exception {
    peer.initialize(SAMPLING_AND_ELICITATION);
    peer.send("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
    peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-1,\"message\":\"m\"}}");
    assertThat(peer.request(1, "ping", "{}").get("result").isEmpty()).isTrue();
  }
}
