package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scribe.transport.testing.StdioServerMain;
import dev.scribe.transport.testing.Subprocess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official Java SDK client spawning our stdio server (a JVM on the test classpath). */
@Timeout(120)
class SdkClientStdioTest {

  @Test
  void handshake_list_and_call_over_stdio() {
    List<String> cmd =
        Subprocess.command(List.of("-Dfile.encoding=ISO-8859-1"), StdioServerMain.class.getName());
    ServerParameters params =
        ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build();
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper())))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .enableCallToolSchemaCaching(true)
            .build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
      assertThat(client.listTools().tools()).hasSize(5);
      McpSchema.CallToolResult r =
          client.callTool(call("echo", Map.of("message", "héllo ✓ 日本")));
      assertThat(r.structuredContent()).isEqualTo(Map.of("echo", "héllo ✓ 日本"));
      McpSchema.CallToolResult sum =
          client.callTool(call("add", Map.of("a", 40, "b", 2)));
      assertThat(sum.structuredContent()).isEqualTo(Map.of("sum", 42));
    } finally {
      client.closeGracefully();
    }
  }

  private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
    return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
  }
}
