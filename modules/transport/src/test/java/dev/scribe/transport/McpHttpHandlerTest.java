package dev.scribe.transport;

import static dev.scribe.transport.testing.HttpMcp.ACCEPT_BOTH;
import static dev.scribe.transport.testing.HttpMcp.headers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.RestoredSession;
import dev.scribe.mcp.SessionLimits;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.ToolOutcome;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.transport.testing.HttpMcp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tier 2: the status matrix of reference/mcp.md §4.8, row by row, on a real socket. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class McpHttpHandlerTest {
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"%s\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"matrix\",\"version\":\"9\"}}}";
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  private final ExecutorService executor = TestServers.toolExecutor();
  private final TestTools tools = new TestTools();
  private final RecordingObserver observer = new RecordingObserver();
  private final MutableClock clock = MutableClock.fixed();
  private Vertx vertx;
  private McpHttpHandler handler;
  private HttpMcp http;
  private int port;

  private void start(Vertx v, UnaryOperator<HttpTransportConfig> config) {
    vertx = v;
    McpServer server = TestServers.server(tools.registry(), observer, executor, clock);
    handler =
        McpHttpHandler.create(
            vertx, server, config.apply(HttpTransportConfig.defaults().withSweepInterval(Duration.ZERO)));
    Router router = Router.router(vertx);
    handler.mount(router);
    HttpServer s =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router)
            .listen()
            .await();
    port = s.actualPort();
    http = new HttpMcp(vertx, port);
  }

  private void start(Vertx v) {
    start(v, c -> c);
  }

  @AfterEach
  void stop() {
    if (handler != null) {
      handler.close();
      http.close();
    }
    executor.shutdownNow();
  }

  private static Map<String, String> base() {
    return headers("Accept", ACCEPT_BOTH, "Content-Type", "application/json");
  }

  private static Map<String, String> with(String sid, String... more) {
    Map<String, String> h = base();
    h.put("Mcp-Session-Id", sid);
    h.putAll(headers(more));
    return h;
  }

  private String initialize(String version) {
    HttpMcp.Reply r = http.post(String.format(INIT, version), base());
    assertThat(r.status()).isEqualTo(200);
    String sid = r.header("Mcp-Session-Id");
    assertThat(sid).isNotNull();
    assertThat(http.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", with(sid)).status())
        .isEqualTo(202);
    return sid;
  }

  private static void assertError(HttpMcp.Reply r, int status, int code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.json().at("/error/code").asInt()).as(r.body()).isEqualTo(code);
  }

  @Test
  void initialize_without_a_session_mints_an_id_on_a_json_response(Vertx v) {
    start(v);
    HttpMcp.Reply r = http.post(String.format(INIT, "2025-06-18"), base());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Mcp-Session-Id")).matches("[\\x21-\\x7E]+");
    assertThat(r.json().at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
  }

  @Test
  void a_client_that_accepts_only_sse_gets_a_priming_event_then_the_response(Vertx v) {
    start(v);
    HttpMcp.Reply r =
        http.post(String.format(INIT, "2025-11-25"), headers("Accept", "text/event-stream", "Content-Type", "application/json"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.isSse()).isTrue();
    assertThat(r.header("Mcp-Session-Id")).isNotNull();
    assertThat(r.body()).startsWith("id: 1\ndata: \n\n");
    List<JsonNode> events = r.events();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).isMissingNode()).isTrue();
    assertThat(events.get(1).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    String sid = r.header("Mcp-Session-Id");
    HttpMcp.Reply ping = http.post(PING, with(sid, "Accept", "text/event-stream"));
    assertThat(ping.isSse()).isTrue();
    assertThat(ping.messages()).singleElement().satisfies(m -> assertThat(m.get("id").asInt()).isEqualTo(1));
  }

  @Test
  void a_request_without_a_session_is_400_and_an_unknown_session_is_404_for_every_method(Vertx v) {
    start(v);
    assertError(http.post(PING, base()), 400, -32000);
    assertThat(http.post(PING, base()).json().get("id").isNull()).isTrue();
    assertError(http.post(PING, with("no-such-session")), 404, -32001);
    assertError(http.send(HttpMethod.GET, null, with("no-such-session"), null), 404, -32001);
    assertError(http.send(HttpMethod.DELETE, null, with("no-such-session"), null), 404, -32001);
    assertError(http.send(HttpMethod.GET, null, base(), null), 400, -32000);
    assertError(http.send(HttpMethod.DELETE, null, base(), null), 400, -32000);
  }

  @Test
  void notifications_and_responses_are_accepted_with_202_and_no_body(Vertx v) {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Reply n = http.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}", with(sid));
    assertThat(n.status()).isEqualTo(202);
    assertThat(n.body()).isEmpty();
    HttpMcp.Reply resp = http.post("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}", with(sid));
    assertThat(resp.status()).isEqualTo(202);
    assertThat(resp.body()).isEmpty();
  }

  @Test
  void requests_are_answered_in_json_or_sse_as_accepted_and_406_when_neither(Vertx v) {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Reply both = http.post(PING, with(sid));
    assertThat(both.status()).isEqualTo(200);
    assertThat(both.header("Content-Type")).isEqualTo("application/json");
    assertThat(http.post(PING, with(sid, "Accept", "application/json")).json().get("result").isEmpty()).isTrue();
    assertThat(http.post(PING, with(sid, "Accept", "*/*")).status()).isEqualTo(200);
    assertError(http.post(PING, with(sid, "Accept", "text/html")), 406, -32000);
    assertError(http.post(PING, with(sid, "Content-Type", "text/plain")), 415, -32000);
    assertError(http.post("{oops", with(sid)), 400, -32700);
    assertError(http.post("{\"jsonrpc\":\"2.0\",\"id\":4}", with(sid)), 400, -32600);
  }

  @Test
  void with_sse_when_accepted_a_client_accepting_both_gets_sse_and_a_json_only_client_json(Vertx v) {
    start(v, c -> c.withSseWhenAccepted(true));
    String sid = initialize("2025-11-25");
    HttpMcp.Reply both = http.post(PING, with(sid));
    assertThat(both.status()).isEqualTo(200);
    assertThat(both.header("Content-Type")).startsWith("text/event-stream");
    assertThat(both.messages()).singleElement().satisfies(m -> assertThat(m.get("result").isEmpty()).isTrue());
    HttpMcp.Reply json = http.post(PING, with(sid, "Accept", "application/json"));
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.json().get("result").isEmpty()).isTrue();
  }

  @Test
  void a_call_that_reports_progress_switches_its_answer_to_sse_in_order(Vertx v) {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Reply r =
        http.post(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                + "\"arguments\":{\"steps\":2,\"tag\":\"s\"},\"_meta\":{\"progressToken\":3}}}",
            with(sid));
    assertThat(r.isSse()).isTrue();
    assertThat(r.header("X-Accel-Buffering")).isEqualTo("no");
    List<JsonNode> m = r.messages();
    assertThat(m).extracting(n -> n.has("method") ? n.get("method").asText() : "response")
        .containsExactly(
            "notifications/message", "notifications/message", "notifications/progress",
            "notifications/message", "notifications/message", "notifications/progress", "response");
    // JSON-only clients get the plain response; the notifications are dropped.
    HttpMcp.Reply json =
        http.post(
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                + "\"arguments\":{\"steps\":2,\"tag\":\"j\"},\"_meta\":{\"progressToken\":4}}}",
            with(sid, "Accept", "application/json"));
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.json().at("/result/structuredContent/tag").asText()).isEqualTo("j");
  }

  @Test
  void the_get_stream_is_one_per_session_and_ends_when_the_session_is_deleted(Vertx v) throws Exception {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Stream stream = http.open(HttpMethod.GET, null, with(sid, "Accept", "text/event-stream"));
    assertThat(stream.status).isEqualTo(200);
    assertThat(stream.headers.get("Content-Type")).isEqualTo("text/event-stream");
    stream.awaitText(": stream open");
    assertError(http.send(HttpMethod.GET, null, with(sid, "Accept", "text/event-stream"), null), 409, -32000);
    assertError(http.send(HttpMethod.GET, null, with(sid, "Accept", "application/json"), null), 406, -32000);
    HttpMcp.Reply del = http.send(HttpMethod.DELETE, null, with(sid), null);
    assertThat(del.status()).isEqualTo(200);
    stream.ended().get(30, TimeUnit.SECONDS);
    assertError(http.post(PING, with(sid)), 404, -32001);
    observer.next(RecordingObserver.Opened.class);
    assertThat(observer.next(RecordingObserver.Closed.class))
        .isEqualTo(new RecordingObserver.Closed(sid, CloseReason.DELETED));
  }

  @Test
  void a_closed_get_stream_can_be_reopened(Vertx v) throws Exception {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Stream first = http.open(HttpMethod.GET, null, with(sid, "Accept", "text/event-stream"));
    first.awaitText("stream open");
    handler.sessions().find(sid).orElseThrow().sendUnrelated("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(first.awaitText("list_changed")).contains("event: message");
  }

  @Test
  void the_protocol_version_header_must_be_one_we_speak_but_need_not_equal_the_negotiated_one(Vertx v) {
    start(v);
    String sid = initialize("2025-11-25");
    assertError(http.post(PING, with(sid, "MCP-Protocol-Version", "1999-01-01")), 400, -32000);
    assertThat(http.post(PING, with(sid, "MCP-Protocol-Version", "2025-03-26")).status()).isEqualTo(200);
    assertThat(http.post(PING, with(sid, "MCP-Protocol-Version", "2025-11-25")).status()).isEqualTo(200);
  }

  @Test
  void foreign_host_or_origin_is_403_and_local_names_pass(Vertx v) {
    start(v, c -> c.withAllowedOrigins(Set.of("https://app.example")));
    String init = String.format(INIT, "2025-11-25");
    assertError(http.send(HttpMethod.POST, init, base(), "evil.example.com:" + port), 403, -32000);
    Map<String, String> evilOrigin = base();
    evilOrigin.put("Origin", "http://evil.example.com");
    assertError(http.post(init, evilOrigin), 403, -32000);
    Map<String, String> nullOrigin = base();
    nullOrigin.put("Origin", "null");
    assertError(http.post(init, nullOrigin), 403, -32000);
    Map<String, String> local = base();
    local.put("Origin", "http://localhost:" + port);
    assertThat(http.send(HttpMethod.POST, init, local, "localhost:" + port).status()).isEqualTo(200);
    assertThat(http.send(HttpMethod.POST, init, base(), "127.0.0.1:" + port).status()).isEqualTo(200);
    assertThat(http.send(HttpMethod.POST, init, base(), "[::1]:" + port).status()).isEqualTo(200);
    Map<String, String> app = base();
    app.put("Origin", "https://app.example");
    assertThat(http.post(init, app).status()).isEqualTo(200);
  }

  @Test
  void with_a_token_every_request_needs_the_bearer(Vertx v) {
    start(v, c -> c.withBearerToken("s3cret"));
    String init = String.format(INIT, "2025-11-25");
    HttpMcp.Reply none = http.post(init, base());
    assertError(none, 401, -32000);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    Map<String, String> wrong = base();
    wrong.put("Authorization", "Bearer nope");
    assertError(http.post(init, wrong), 401, -32000);
    Map<String, String> right = base();
    right.put("Authorization", "Bearer s3cret");
    HttpMcp.Reply ok = http.post(init, right);
    assertThat(ok.status()).isEqualTo(200);
    String sid = ok.header("Mcp-Session-Id");
    assertError(http.send(HttpMethod.DELETE, null, with(sid), null), 401, -32000);
    assertThat(http.send(HttpMethod.DELETE, null, with(sid, "Authorization", "Bearer s3cret"), null).status())
        .isEqualTo(200);
  }

  @Test
  void a_body_over_the_cap_is_413(Vertx v) {
    start(v, c -> c.withMaxBodyBytes(2048));
    String sid = initialize("2025-11-25");
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\""
            + "x".repeat(4096)
            + "\"}}}";
    assertError(http.post(big, with(sid)), 413, -32600);
    assertThat(http.post(PING, with(sid)).status()).isEqualTo(200);
  }

  @Test
  void modern_era_probes_get_a_4xx_with_a_legacy_code(Vertx v) {
    start(v);
    HttpMcp.Reply discover =
        http.post(
            "{\"jsonrpc\":\"2.0\",\"id\":\"probe\",\"method\":\"server/discover\",\"params\":{\"_meta\":{}}}",
            headers("Accept", ACCEPT_BOTH, "MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "server/discover"));
    assertError(discover, 400, -32601);
    assertThat(discover.json().get("id").asText()).isEqualTo("probe");
    HttpMcp.Reply meta =
        http.post(
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}",
            base());
    assertError(meta, 400, -32000);
    assertThat(meta.json().at("/error/code").asInt()).isNotIn(-32020, -32021, -32022);
    HttpMcp.Reply modernHeader =
        http.post(PING, headers("Accept", ACCEPT_BOTH, "MCP-Protocol-Version", "2026-07-28"));
    assertThat(modernHeader.status()).isEqualTo(400);
    assertThat(modernHeader.json().at("/error/code").asInt()).isNotIn(-32020, -32021, -32022);
  }

  @Test
  void batches_are_accepted_only_on_2025_03_26_sessions(Vertx v) {
    start(v);
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}]";
    String old = initialize("2025-03-26");
    HttpMcp.Reply ok = http.post(batch, with(old, "MCP-Protocol-Version", "2025-03-26"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().isArray()).isTrue();
    assertThat(ok.json()).hasSize(2);
    assertThat(ok.json().toString()).contains("\"sum\":5");
    String notifications = "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}]";
    assertThat(http.post(notifications, with(old)).status()).isEqualTo(202);
    String modern = initialize("2025-11-25");
    assertError(http.post(batch, with(modern)), 400, -32600);
    assertError(http.post("[" + String.format(INIT, "2025-03-26") + "]", base()), 400, -32600);
  }

  @Test
  void initialize_on_a_live_session_is_rejected(Vertx v) {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Reply r = http.post(String.format(INIT, "2025-11-25"), with(sid));
    assertError(r, 400, -32600);
    assertThat(r.json().get("id").asInt()).isZero();
  }

  @Test
  void other_methods_are_405(Vertx v) {
    start(v);
    HttpMcp.Reply r = http.send(HttpMethod.PUT, "{}", base(), null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).contains("POST");
  }

  @Test
  void an_idle_session_expires_by_the_injected_clock_and_answers_404(Vertx v) throws Exception {
    start(v, c -> c.withSessionLimits(new SessionLimits(Duration.ofMinutes(5), 100)));
    String sid = initialize("2025-11-25");
    clock.advance(Duration.ofMinutes(4));
    assertThat(handler.sweep()).isEmpty();
    assertThat(http.post(PING, with(sid)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5));
    assertThat(handler.sweep()).containsExactly(sid);
    assertError(http.post(PING, with(sid)), 404, -32001);
    observer.next(RecordingObserver.Opened.class);
    assertThat(observer.next(RecordingObserver.Closed.class))
        .isEqualTo(new RecordingObserver.Closed(sid, CloseReason.EXPIRED));
  }

  @Test
  void the_session_cap_evicts_the_oldest_idle_session(Vertx v) throws Exception {
    start(v, c -> c.withSessionLimits(new SessionLimits(Duration.ofMinutes(5), 2)));
    String a = initialize("2025-11-25");
    clock.advance(Duration.ofSeconds(1));
    String b = initialize("2025-11-25");
    clock.advance(Duration.ofSeconds(1));
    String c = initialize("2025-11-25");
    assertError(http.post(PING, with(a)), 404, -32001);
    assertThat(http.post(PING, with(b)).status()).isEqualTo(200);
    assertThat(http.post(PING, with(c)).status()).isEqualTo(200);
    assertThat(observer.next(RecordingObserver.Closed.class))
        .isEqualTo(new RecordingObserver.Closed(a, CloseReason.EVICTED));
  }

  @Test
  void a_restored_session_is_served_and_an_id_never_issued_is_not(Vertx v) {
    start(v);
    handler.sessions().restore(new RestoredSession("0123abcd", "2025-06-18", new ClientInfo("before", "1")));
    HttpMcp.Reply r = http.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}", with("0123abcd"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/result/tools")).hasSize(5);
    assertError(http.post(PING, with("0123abce")), 404, -32001);
  }

  @Test
  void a_cancelled_call_ends_its_sse_stream_without_a_response(Vertx v) throws Exception {
    start(v);
    String sid = initialize("2025-11-25");
    HttpMcp.Stream call =
        http.open(
            HttpMethod.POST,
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}",
            with(sid, "Accept", "text/event-stream"));
    assertThat(call.status).isEqualTo(200);
    call.awaitText("data: \n\n"); // the priming event
    assertThat(tools.started.poll(30, TimeUnit.SECONDS)).isNotNull();
    assertThat(
            http.post(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":8}}",
                    with(sid))
                .status())
        .isEqualTo(202);
    call.ended().get(30, TimeUnit.SECONDS);
    String body = call.awaitText("data: \n\n");
    assertThat(body).doesNotContain("\"id\":8");
    assertThat(observer.next(ToolInvocation.class).outcome()).isEqualTo(ToolOutcome.CANCELLED);
    CompletableFuture<Void> unused = call.ended();
    assertThat(unused).isDone();
  }
}
