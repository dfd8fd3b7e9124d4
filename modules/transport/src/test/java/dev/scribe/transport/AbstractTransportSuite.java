package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.ToolOutcome;
import dev.scribe.mcp.TransportKind;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.transport.testing.McpTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every transport must show, whatever carries the bytes. One subclass per
 * transport supplies the server side and a client.
 */
@Timeout(90)
abstract class AbstractTransportSuite {
  protected final ExecutorService executor = TestServers.toolExecutor();
  protected final TestTools tools = new TestTools();
  protected final RecordingObserver observer = new RecordingObserver();
  protected final MutableClock clock = MutableClock.fixed();
  private final List<McpTestClient> clients = new ArrayList<>();

  /** Starts serving {@code server}. */
  protected abstract void start(McpServer server) throws Exception;

  /** A new client connection (a new session once initialized). */
  protected abstract McpTestClient newClient() throws Exception;

  protected abstract void stop() throws Exception;

  protected abstract TransportKind kind();

  @BeforeEach
  void startServer() throws Exception {
    start(TestServers.server(tools.registry(), observer, executor, clock));
  }

  @AfterEach
  void stopServer() throws Exception {
    clients.forEach(McpTestClient::close);
    stop();
    executor.shutdownNow();
  }

  protected McpTestClient client() throws Exception {
    McpTestClient c = newClient();
    clients.add(c);
    return c;
  }

  private static String call(Object id, String tool, String args, String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool + "\",\"arguments\":" + args + meta + "}}";
  }

  @Test
  void the_handshake_is_recorded_and_tools_are_listed_with_schemas() throws Exception {
    McpTestClient c = client();
    JsonNode init = c.initialize("2025-11-25");
    assertThat(init.at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    RecordingObserver.Opened opened = observer.next(RecordingObserver.Opened.class);
    assertThat(opened.transport()).isEqualTo(kind());
    assertThat(opened.client().name()).isEqualTo("suite");
    JsonNode list = c.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    assertThat(list.at("/result/tools")).hasSize(5);
    for (JsonNode t : list.at("/result/tools")) {
      assertThat(t.get("description").asText()).isNotBlank();
      assertThat(t.at("/inputSchema/type").asText()).isEqualTo("object");
      assertThat(t.at("/outputSchema/anyOf")).hasSize(2);
    }
    assertThat(c.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").get("result").isEmpty()).isTrue();
  }

  @Test
  void a_call_is_recorded_before_its_structured_result_arrives() throws Exception {
    McpTestClient c = client();
    c.initialize("2025-11-25");
    JsonNode r = c.call(call(5, "echo", "{\"message\":\"grüße\"}", ""));
    assertThat(r.at("/result/structuredContent/echo").asText()).isEqualTo("grüße");
    assertThat(r.at("/result/content/0/text").asText()).isEqualTo("grüße");
    assertThat(observer.all()).anySatisfy(e -> assertThat(e).isInstanceOf(ToolInvocation.class));
    ToolInvocation inv = observer.next(ToolInvocation.class);
    assertThat(inv.argumentsJson()).isEqualTo("{\"message\":\"grüße\"}");
    assertThat(inv.outcome()).isEqualTo(ToolOutcome.OK);
  }

  @Test
  void bad_arguments_are_an_isError_result_and_an_unknown_tool_is_a_protocol_error() throws Exception {
    McpTestClient c = client();
    c.initialize("2025-11-25");
    JsonNode bad = c.call(call(1, "echo", "{\"message\":7}", ""));
    assertThat(bad.at("/result/isError").asBoolean()).isTrue();
    assertThat(bad.at("/result/structuredContent/error/code").asText()).isEqualTo("invalid_arguments");
    assertThat(bad.at("/result/content/0/text").asText()).contains("$.message");
    JsonNode unknown = c.call(call(2, "nope", "{}", ""));
    assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32602);
  }

  @Test
  void progress_and_log_messages_reach_only_the_caller_at_its_level() throws Exception {
    McpTestClient c = client();
    c.initialize("2025-11-25");
    c.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
    JsonNode r = c.call(call(2, "steps", "{\"steps\":3,\"tag\":\"p\"}", ",\"_meta\":{\"progressToken\":\"t-1\"}"));
    assertThat(r.at("/result/structuredContent/steps").asInt()).isEqualTo(3);
    List<JsonNode> progress = new ArrayList<>();
    List<String> logs = new ArrayList<>();
    for (JsonNode n : c.notifications()) {
      if (n.get("method").asText().equals("notifications/progress")) {
        progress.add(n);
      } else {
        logs.add(n.at("/params/level").asText() + ":" + n.at("/params/data").asText());
      }
    }
    assertThat(progress).extracting(n -> n.at("/params/progress").asInt()).containsExactly(1, 2, 3);
    assertThat(progress).allSatisfy(n -> assertThat(n.at("/params/progressToken").asText()).isEqualTo("t-1"));
    assertThat(logs)
        .containsExactly(
            "info:p info 1", "warning:p warning 1",
            "info:p info 2", "warning:p warning 2",
            "info:p info 3", "warning:p warning 3");
  }

  @Test
  void a_cancelled_call_gets_no_response_and_is_recorded_as_cancelled() throws Exception {
    McpTestClient c = client();
    c.initialize("2025-11-25");
    CompletableFuture<Optional<JsonNode>> blocked = c.request(call(9, "block", "{}", ""));
    String exec = tools.started.poll(30, TimeUnit.SECONDS);
    assertThat(exec).isNotNull();
    c.notify("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}");
    ToolInvocation inv = observer.next(ToolInvocation.class);
    assertThat(inv.outcome()).isEqualTo(ToolOutcome.CANCELLED);
    assertThat(inv.executionId()).isEqualTo(exec);
    assertThat(c.call("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}").get("id").asInt()).isEqualTo(10);
    // HTTP ends the exchange without a response (204); a stream transport sends nothing at all.
    if (blocked.isDone()) {
      assertThat(blocked.get()).isEmpty();
    }
  }

  @Test
  void two_sessions_with_colliding_request_ids_and_progress_tokens_never_see_each_other()
      throws Exception {
    McpTestClient a = client();
    McpTestClient b = client();
    a.initialize("2025-11-25");
    b.initialize("2025-11-25");
    String level = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}";
    a.call(level);
    b.call(level);
    int rounds = 8;
    int steps = 5;
    List<CompletableFuture<Optional<JsonNode>>> as = new ArrayList<>();
    List<CompletableFuture<Optional<JsonNode>>> bs = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String meta = ",\"_meta\":{\"progressToken\":\"same\"}";
      as.add(a.request(call(100 + i, "steps", "{\"steps\":" + steps + ",\"tag\":\"A\"}", meta)));
      bs.add(b.request(call(100 + i, "steps", "{\"steps\":" + steps + ",\"tag\":\"B\"}", meta)));
    }
    for (int i = 0; i < rounds; i++) {
      JsonNode ra = as.get(i).get(30, TimeUnit.SECONDS).orElseThrow();
      JsonNode rb = bs.get(i).get(30, TimeUnit.SECONDS).orElseThrow();
      assertThat(ra.get("id").asInt()).isEqualTo(100 + i);
      assertThat(rb.get("id").asInt()).isEqualTo(100 + i);
      assertThat(ra.at("/result/structuredContent/tag").asText()).isEqualTo("A");
      assertThat(rb.at("/result/structuredContent/tag").asText()).isEqualTo("B");
    }
    assertOnly(a.notifications(), "A", rounds * steps);
    assertOnly(b.notifications(), "B", rounds * steps);
  }

  private static void assertOnly(List<JsonNode> notes, String tag, int perKind) {
    int progress = 0;
    int logs = 0;
    for (JsonNode n : notes) {
      if (n.get("method").asText().equals("notifications/progress")) {
        progress++;
        assertThat(n.at("/params/message").asText()).startsWith(tag + " ");
      } else {
        logs++;
        assertThat(n.at("/params/data").asText()).startsWith(tag + " ");
      }
    }
    assertThat(progress).as("progress notifications in %s", notes).isEqualTo(perKind);
    assertThat(logs).isEqualTo(2 * perKind);
  }
}
