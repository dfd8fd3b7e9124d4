package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.transport.testing.StdioServerMain;
import dev.scribe.transport.testing.Subprocess;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real processes with a Latin-1 default charset: UTF-8 must survive both the stdio server and the
 * bridge, stdout must carry JSON lines only, and end of stdin must end the process cleanly.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class StdioSubprocessTest {
  private static final String ECHO =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"héllo ✓ 日本 \\\"q\\\"\"}}}";
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"ünï\",\"version\":\"1\"}}}";
  private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
  private static final String STEPS =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\",\"arguments\":{\"steps\":20,\"tag\":\"late\"}}}";

  /** Writes the lines (pipelined, no waiting), closes stdin, returns stdout's lines. */
  private static List<JsonNode> converse(Process p, String... lines) throws Exception {
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p));
    CompletableFuture.runAsync(() -> readStderr(p));
    try (OutputStream in = p.getOutputStream()) {
      for (String l : lines) {
        in.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process ends after end of input").isTrue();
    assertThat(p.exitValue()).isZero();
    String text = new String(stdout.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      out.add(McpJson.parseObject(line)); // anything else on stdout fails here
    }
    return out;
  }

  private static byte[] readAll(Process p) {
    try {
      return p.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void readStderr(Process p) {
    try {
      p.getErrorStream().transferTo(OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      // process gone
    }
  }

  private static JsonNode byId(List<JsonNode> messages, int id) {
    return messages.stream().filter(m -> m.path("id").asInt(-1) == id).findFirst().orElseThrow();
  }

  @Test
  void the_stdio_server_speaks_utf8_whatever_the_platform_charset() throws Exception {
    Process p =
        new ProcessBuilder(
                Subprocess.command(List.of("-Dfile.encoding=ISO-8859-1"), StdioServerMain.class.getName()))
            .start();
    List<JsonNode> out = converse(p, INIT, INITIALIZED, ECHO, STEPS);
    assertThat(byId(out, 1).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    assertThat(byId(out, 2).at("/result/structuredContent/echo").asText()).isEqualTo("héllo ✓ 日本 \"q\"");
    assertThat(byId(out, 3).at("/result/structuredContent/tag").asText()).isEqualTo("late");
  }

  @Test
  void the_bridge_carries_a_session_to_the_loopback_server_and_exits_on_end_of_input(Vertx vertx)
      throws Exception {
    ExecutorService executor = TestServers.toolExecutor();
    RecordingObserver observer = new RecordingObserver();
    LoopbackServer loopback =
        LoopbackServer.start(
                vertx,
                TestServers.server(new TestTools().registry(), observer, executor, MutableClock.fixed()),
                LoopbackConfig.defaults().withToken("bridge-token"))
            .await(30, TimeUnit.SECONDS);
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
              Subprocess.command(
                  List.of("-Dfile.encoding=ISO-8859-1"),
                  StdioBridge.class.getName(),
                  Integer.toString(loopback.port())));
      pb.environment().put("SCRIBE_TOKEN", "bridge-token");
      List<JsonNode> out = converse(pb.start(), INIT, INITIALIZED, ECHO, STEPS);
      assertThat(byId(out, 2).at("/result/structuredContent/echo").asText()).isEqualTo("héllo ✓ 日本 \"q\"");
      assertThat(byId(out, 3).at("/result/structuredContent/steps").asInt()).isEqualTo(20);
      RecordingObserver.Opened opened = observer.next(RecordingObserver.Opened.class);
      assertThat(opened.client().name()).isEqualTo("ünï");
      assertThat(observer.next(RecordingObserver.Closed.class))
          .isEqualTo(new RecordingObserver.Closed(opened.sessionId(), CloseReason.DISCONNECTED));
    } finally {
      loopback.close().await(30, TimeUnit.SECONDS);
      executor.shutdownNow();
    }
  }

  @Test
  void a_wrong_token_is_refused_with_one_error_line(Vertx vertx) throws Exception {
    ExecutorService executor = TestServers.toolExecutor();
    LoopbackServer loopback =
        LoopbackServer.start(
                vertx,
                TestServers.server(new TestTools().registry(), new RecordingObserver(), executor, MutableClock.fixed()),
                LoopbackConfig.defaults().withToken("right"))
            .await(30, TimeUnit.SECONDS);
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int code =
          new StdioBridge("127.0.0.1", loopback.port(), "wrong")
              .run(new java.io.ByteArrayInputStream((INIT + "\n").getBytes(StandardCharsets.UTF_8)), out);
      assertThat(code).isZero();
      JsonNode refusal = McpJson.parseObject(out.toString(StandardCharsets.UTF_8).trim());
      assertThat(refusal.at("/error/message").asText()).startsWith("Unauthorized");
    } finally {
      loopback.close().await(30, TimeUnit.SECONDS);
      executor.shutdownNow();
    }
  }
}
