package dev.scribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scribe.server.DataDirectory;
import dev.scribe.server.ServerInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/scribe stdio}: the first client starts the server in the background, later
 * clients reuse it, so every stdio client shares one log writer; each client's end of input ends
 * only its own session.
 */
@Timeout(180)
class StdioBridgeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> session(Path data, String clientName) throws Exception {
    String input =
        String.join(
            "\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + clientName + "\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"health_check\",\"arguments\":{}}}")
            + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        StdioCommand.bridge(
            data, 0, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().map(StdioBridgeCommandTest::parse).toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("stdout must carry only MCP messages, got: " + line, e);
    }
  }

  @Test
  void the_first_client_starts_the_server_and_the_next_ones_share_it(@TempDir Path data)
      throws Exception {
    try {
      List<JsonNode> first = session(data, "first");
      assertThat(first).hasSize(2);
      assertThat(first.get(0).at("/result/serverInfo/name").asText()).isEqualTo("scribe");
      assertThat(first.get(1).at("/result/structuredContent/status").asText()).isEqualTo("healthy");
      ServerInfo server = DataDirectory.readServerInfo(data).orElseThrow();

      List<JsonNode> second = session(data, "second");
      assertThat(second.get(1).at("/result/isError").asBoolean(false)).isFalse();
      assertThat(DataDirectory.readServerInfo(data).orElseThrow().pid())
          .as("one server for every stdio client")
          .isEqualTo(server.pid());
      // the first session ended (end of input) and the second one opened: both in the one log
      assertThat(second.get(1).at("/result/structuredContent/log_position").asLong())
          .isGreaterThan(first.get(1).at("/result/structuredContent/log_position").asLong());
    } finally {
      DataDirectory.readServerInfo(data)
          .flatMap(i -> ProcessHandle.of(i.pid()))
          .ifPresent(
              p -> {
                p.destroy();
                p.onExit().join();
              });
    }
  }
}
