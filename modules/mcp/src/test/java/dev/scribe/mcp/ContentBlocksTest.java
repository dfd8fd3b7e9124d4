package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.testing.Ids;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.StdioPeer;
import dev.scribe.mcp.testing.TestServers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tools that answer with plain content blocks and publish no output schema. */
@Timeout(60)
class ContentBlocksTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final RecordingObserver observer = new RecordingObserver();
  private final StdioPeer peer = new StdioPeer(server());

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private McpServer server() {
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(ToolDefinition.contentTool("media", "Returns one block of each kind.",
                    McpJson.parseObject("{\"type\":\"object\"}"), ToolAnnotations.forReads()),
                call -> CompletableFuture.completedFuture(ToolResult.content(
                    new Content.Text("t"),
                    Content.Image.of(new byte[] {1}, "image/png"),
                    Content.Audio.of(new byte[] {2}, "audio/wav"),
                    new Content.EmbeddedResource(new ResourceContents.Text("test://r", "text/plain", "x")),
                    new Content.EmbeddedResource(ResourceContents.Blob.of("test://b", null, new byte[] {3})))))
            .add(ToolDefinition.contentTool("broken", "Fails with a text block.",
                    McpJson.parseObject("{\"type\":\"object\"}"), ToolAnnotations.forReads()),
                call -> CompletableFuture.completedFuture(ToolResult.contentError("it broke")))
            .build();
    return McpServer.builder()
        .serverInfo(new ServerInfo("t", "1", null))
        .tools(tools)
        .observer(observer)
        .executor(executor)
        .clock(MutableClock.fixed())
        .sessionIds(new Ids("s"))
        .executionIds(new Ids("e"))
        .validateOutput(true)
        .build();
  }

  @Test
  void content_tools_publish_no_output_schema() throws Exception {
    peer.initialize("{}");
    JsonNode tool = peer.request(1, "tools/list", "{}").at("/result/tools/0");
    assertThat(tool.get("name").asText()).isEqualTo("media");
    assertThat(tool.has("outputSchema")).isFalse();
    assertThat(tool.get("inputSchema").isObject()).isTrue();
  }

  @Test
  void every_block_kind_goes_out_in_order_without_structured_content() throws Exception {
    peer.initialize("{}");
    JsonNode r = peer.request(1, "tools/call", "{\"name\":\"media\"}").get("result");
    assertThat(r.has("structuredContent")).isFalse();
    assertThat(r.has("isError")).isFalse();
    JsonNode c = r.get("content");
    assertThat(c).extracting(n -> n.get("type").asText()).containsExactly("text", "image", "audio", "resource", "resource");
    assertThat(c.get(1).get("data").asText()).isEqualTo("AQ==");
    assertThat(c.get(1).get("mimeType").asText()).isEqualTo("image/png");
    assertThat(c.get(2).get("mimeType").asText()).isEqualTo("audio/wav");
    assertThat(c.at("/3/resource/text").asText()).isEqualTo("x");
    assertThat(c.at("/3/resource/mimeType").asText()).isEqualTo("text/plain");
    assertThat(c.at("/4/resource/blob").asText()).isEqualTo("Aw==");
    assertThat(c.at("/4/resource").has("mimeType")).isFalse();
    assertThat(observer.next(ToolInvocation.class).outcome()).isEqualTo(ToolOutcome.OK);
  }

  @Test
  void a_block_failure_is_an_is_error_result_recorded_as_a_tool_error() throws Exception {
    peer.initialize("{}");
    JsonNode r = peer.request(1, "tools/call", "{\"name\":\"broken\"}").get("result");
    assertThat(r.get("isError").asBoolean()).isTrue();
    assertThat(r.at("/content/0/text").asText()).isEqualTo("it broke");
    assertThat(r.has("structuredContent")).isFalse();
    ToolInvocation recorded = observer.next(ToolInvocation.class);
    assertThat(recorded.outcome()).isEqualTo(ToolOutcome.TOOL_ERROR);
    assertThat(recorded.errorCode()).isEqualTo("tool_error");
  }
}
