package dev.scribe.mcp;

import static dev.scribe.mcp.testing.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.mcp.testing.Wire;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tier 1: the protocol engine with JSON text in and out, no socket. */
@Timeout(60)
class McpConnectionTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final TestTools tools = new TestTools();
  private final RecordingObserver observer = new RecordingObserver();
  private final McpServer server =
      TestServers.server(tools.registry(), observer, executor, MutableClock.fixed());
  private final Wire wire = new Wire();
  private final McpConnection conn = server.connect(wire);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private void send(String json) {
    conn.receive(utf8(json));
  }

  private JsonNode initialize(String version) throws InterruptedException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
            + version
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    JsonNode r = wire.next();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return r;
  }

  private JsonNode call(int id, String tool, String args) throws InterruptedException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + args
            + "}}");
    return wire.next(m -> m.path("id").asInt(-1) == id);
  }

  @Test
  void initialize_negotiates_the_requested_version_and_records_the_session() throws Exception {
    JsonNode r = initialize("2025-06-18");
    assertThat(r.at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
    assertThat(r.at("/result/capabilities/tools").isObject()).isTrue();
    assertThat(r.at("/result/capabilities/logging").isObject()).isTrue();
    assertThat(r.at("/result/serverInfo/name").asText()).isEqualTo("scribe-test");
    RecordingObserver.Opened opened = observer.next(RecordingObserver.Opened.class);
    assertThat(opened.transport()).isEqualTo(TransportKind.STDIO);
    assertThat(opened.client()).isEqualTo(new ClientInfo("t", "1"));
    assertThat(conn.session()).get().extracting(McpSession::id).isEqualTo(opened.sessionId());
  }

  @Test
  void an_unknown_version_is_answered_with_the_latest() throws Exception {
    assertThat(initialize("2099-01-01").at("/result/protocolVersion").asText())
        .isEqualTo("2025-11-25");
  }

  @Test
  void before_initialize_ping_works_probes_and_requests_get_prompt_errors() throws Exception {
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    assertThat(wire.next().get("result").isEmpty()).isTrue();
    send("{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\",\"params\":{\"_meta\":{}}}");
    JsonNode probe = wire.next();
    assertThat(probe.at("/error/code").asInt()).isEqualTo(-32601);
    assertThat(probe.get("id").asText()).isEqualTo("server-discover-probe-1");
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32000);
  }

  @Test
  void json_rpc_faults_get_the_standard_codes() throws Exception {
    initialize("2025-11-25");
    send("{not json");
    JsonNode parse = wire.next();
    assertThat(parse.at("/error/code").asInt()).isEqualTo(-32700);
    assertThat(parse.get("id").isNull()).isTrue();
    send("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}");
    JsonNode invalid = wire.next();
    assertThat(invalid.at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(invalid.get("id").asInt()).isEqualTo(5);
    send("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32600);
    send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/list\"}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32601);
    send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32602);
    send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}");
    JsonNode unknownTool = wire.next();
    assertThat(unknownTool.at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(unknownTool.at("/error/message").asText()).contains("nope");
    send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":[1]}}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32602);
    send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32600);
  }

  @Test
  void initialize_without_a_protocol_version_is_invalid_params() throws Exception {
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(conn.session()).isEmpty();
  }

  @Test
  void a_successful_call_carries_structured_content_and_one_text_block_and_is_recorded()
      throws Exception {
    initialize("2025-11-25");
    JsonNode r = call(3, "echo", "{\"message\":\"héllo ✓\"}");
    assertThat(r.at("/result/structuredContent/echo").asText()).isEqualTo("héllo ✓");
    assertThat(r.at("/result/content")).hasSize(1);
    assertThat(r.at("/result/content/0/type").asText()).isEqualTo("text");
    assertThat(r.at("/result/content/0/text").asText()).isEqualTo("héllo ✓");
    assertThat(r.at("/result/isError").isMissingNode()).isTrue();
    ToolInvocation inv = observer.next(ToolInvocation.class);
    assertThat(inv.tool()).isEqualTo("echo");
    assertThat(inv.argumentsJson()).isEqualTo("{\"message\":\"héllo ✓\"}");
    assertThat(inv.outcome()).isEqualTo(ToolOutcome.OK);
    assertThat(inv.errorCode()).isNull();
    assertThat(inv.executionId()).isEqualTo("exec-1");
    assertThat(inv.sessionId()).isEqualTo(conn.session().orElseThrow().id());
  }

  @Test
  void recorded_arguments_keep_the_numbers_as_sent() throws Exception {
    initialize("2025-11-25");
    call(3, "steps", "{\"steps\":1,\"tag\":\"x\",\"extra\":1.50}");
    assertThat(observer.next(ToolInvocation.class).argumentsJson())
        .isEqualTo("{\"steps\":1,\"tag\":\"x\",\"extra\":1.50}");
  }

  @Test
  void schema_violations_are_tool_errors_naming_the_field() throws Exception {
    initialize("2025-11-25");
    JsonNode r = call(4, "echo", "{\"message\":42}");
    assertThat(r.at("/result/isError").asBoolean()).isTrue();
    assertThat(r.at("/result/structuredContent/ok").asBoolean(true)).isFalse();
    assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo("invalid_arguments");
    assertThat(r.at("/result/content/0/text").asText())
        .isEqualTo("Invalid arguments: $.message: integer found, string expected");
    ToolInvocation inv = observer.next(ToolInvocation.class);
    assertThat(inv.outcome()).isEqualTo(ToolOutcome.TOOL_ERROR);
    assertThat(inv.errorCode()).isEqualTo("invalid_arguments");
    assertThat(call(5, "echo", "{}").at("/result/content/0/text").asText())
        .contains("message")
        .startsWith("Invalid arguments: ");
  }

  @Test
  void exceptions_go_through_the_one_table() throws Exception {
    initialize("2025-11-25");
    JsonNode arg = call(1, "fail", "{\"kind\":\"argument\"}");
    assertThat(arg.at("/result/structuredContent/error/code").asText()).isEqualTo("invalid_argument");
    assertThat(arg.at("/result/content/0/text").asText()).isEqualTo("kind 'argument' is never right");
    JsonNode tool = call(2, "fail", "{\"kind\":\"tool\"}");
    assertThat(tool.at("/result/structuredContent/error/code").asText()).isEqualTo("quota_exceeded");
    assertThat(tool.at("/result/structuredContent/retryAfter").asInt()).isEqualTo(5);
    assertThat(tool.at("/result/isError").asBoolean()).isTrue();
    JsonNode bug = call(3, "fail", "{\"kind\":\"bug\"}");
    assertThat(bug.at("/result/structuredContent/error/code").asText()).isEqualTo("internal_error");
    assertThat(bug.has("error")).isFalse();
  }

  @Test
  void progress_and_log_messages_precede_the_response_and_respect_the_session_level()
      throws Exception {
    initialize("2025-11-25");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
            + "\"arguments\":{\"steps\":2,\"tag\":\"a\"},\"_meta\":{\"progressToken\":\"tok\"}}}");
    JsonNode response = wire.next(m -> m.has("id"));
    // Everything before the response is already queued behind it in order; re-read from scratch:
    assertThat(response.at("/result/structuredContent/steps").asInt()).isEqualTo(2);
    send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}");
    assertThat(wire.next().at("/result").isEmpty()).isTrue();
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
            + "\"arguments\":{\"steps\":2,\"tag\":\"b\"},\"_meta\":{\"progressToken\":42}}}");
    JsonNode p1 = wire.next();
    JsonNode m1 = wire.next();
    assertThat(p1.get("method").asText()).isEqualTo("notifications/message");
    assertThat(p1.at("/params/level").asText()).isEqualTo("warning");
    assertThat(p1.at("/params/data").asText()).isEqualTo("b warning 1");
    assertThat(m1.get("method").asText()).isEqualTo("notifications/progress");
    assertThat(m1.at("/params/progressToken").asInt()).isEqualTo(42);
    assertThat(m1.at("/params/progress").asDouble()).isEqualTo(1.0);
    assertThat(m1.at("/params/total").asDouble()).isEqualTo(2.0);
    assertThat(wire.next().at("/params/data").asText()).isEqualTo("b warning 2");
    assertThat(wire.next().at("/params/progress").asDouble()).isEqualTo(2.0);
    assertThat(wire.next().get("id").asInt()).isEqualTo(9);
  }

  @Test
  void without_a_progress_token_no_progress_is_sent() throws Exception {
    initialize("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"emergency\"}}");
    wire.next();
    JsonNode r = call(9, "steps", "{\"steps\":3,\"tag\":\"q\"}");
    assertThat(r.at("/result/structuredContent/tag").asText()).isEqualTo("q");
    assertThat(wire.drain()).isEmpty();
  }

  @Test
  void a_cancelled_call_sends_no_response_and_is_recorded_as_cancelled() throws Exception {
    initialize("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"block\",\"arguments\":{}}}");
    String exec = tools.started.poll(30, TimeUnit.SECONDS);
    assertThat(exec).isNotNull();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":11,\"reason\":\"user\"}}");
    assertThat(tools.cancelled.poll(30, TimeUnit.SECONDS)).isEqualTo(exec);
    ToolInvocation inv = observer.next(ToolInvocation.class);
    assertThat(inv.outcome()).isEqualTo(ToolOutcome.CANCELLED);
    assertThat(inv.executionId()).isEqualTo(exec);
    // The next answer on the wire is the ping's: nothing was sent for request 11.
    send("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"ping\"}");
    assertThat(wire.next().get("id").asInt()).isEqualTo(12);
    assertThat(conn.session().orElseThrow().inFlightCount()).isZero();
  }

  @Test
  void an_id_already_in_flight_is_rejected_but_a_string_id_with_the_same_digits_is_not()
      throws Exception {
    initialize("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}");
    tools.started.poll(30, TimeUnit.SECONDS);
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}}}");
    assertThat(wire.next().at("/error/code").asInt()).isEqualTo(-32600);
    JsonNode s = call(-1, "echo", "{\"message\":\"m\"}");
    assertThat(s.at("/result/structuredContent/echo").asText()).isEqualTo("m");
    send("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"s\"}}}");
    JsonNode str = wire.next();
    assertThat(str.get("id").isTextual()).isTrue();
    assertThat(str.at("/result/structuredContent/echo").asText()).isEqualTo("s");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
    assertThat(tools.cancelled.poll(30, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void batches_work_only_on_2025_03_26_sessions() throws Exception {
    initialize("2025-03-26");
    send(
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}},"
            + "{\"bad\":true}]");
    JsonNode batch = wire.next();
    assertThat(batch.isArray()).isTrue();
    assertThat(batch).hasSize(3);
    assertThat(batch.findValues("id")).extracting(JsonNode::asText).contains("1", "2", "null");
    assertThat(batch.toString()).contains("\"sum\":3");

    Wire other = new Wire();
    McpConnection c2 = server.connect(other);
    c2.receive(
        utf8("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}"));
    other.next();
    c2.receive(utf8("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"));
    JsonNode refused = other.next();
    assertThat(refused.at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(refused.get("id").isNull()).isTrue();
  }

  @Test
  void pipelined_messages_wait_for_initialize_and_keep_their_order() throws Exception {
    initialize("2025-11-25");
    for (int i = 1; i <= 20; i++) {
      send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}");
    }
    for (int i = 1; i <= 20; i++) {
      assertThat(wire.next().get("id").asInt()).isEqualTo(i);
    }
  }

  @Test
  void end_of_input_lets_running_calls_answer_then_closes_the_session() throws Exception {
    initialize("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\",\"arguments\":{\"steps\":3,\"tag\":\"z\"}}}");
    conn.endOfInput().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(wire.next(m -> m.has("id")).at("/result/structuredContent/tag").asText()).isEqualTo("z");
    RecordingObserver.Closed closed = observer.next(RecordingObserver.Closed.class);
    assertThat(closed.reason()).isEqualTo(CloseReason.DISCONNECTED);
    assertThat(conn.session().orElseThrow().isClosed()).isTrue();
  }
}
