package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SuccessAnswerTest {

  /** The answer as the tree path writes it: the bytes the streamed answer must equal. */
  private static byte[] viaTree(RequestId id, ToolResult.Success s) {
    return McpJson.resultBytes(id, ToolExecution.callToolResult(s));
  }

  @Test
  void writes_the_same_bytes_as_the_tree_for_numeric_and_text_ids_and_awkward_text() {
    ObjectNode structured = McpJson.parseObject(
        "{\"ok\":true,\"n\":-7,\"big\":12345678901234567890,\"f\":1.50,\"nested\":{\"a\":[1,\"x\",null,true]},"
            + "\"s\":\"line\\nbreak \\\"quoted\\\" \\u2028 tab\\t ünïcødé 🎉\"}");
    structured.put("d", new BigDecimal("2.500"));
    String text = "Logged: a|b \"q\" \\ back\nnew line \u0001 control, ✓ and 😀";
    ToolResult.Success s = new ToolResult.Success(structured, text);
    for (RequestId id :
        new RequestId[] {RequestId.of(0), RequestId.of(Long.MAX_VALUE), RequestId.of(-3),
            RequestId.of("abc"), RequestId.of("quote\" and \\ and é")}) {
      byte[] streamed = ToolExecution.answerBytes(id, s);
      assertThat(new String(streamed, StandardCharsets.UTF_8))
          .as("id %s", id)
          .isEqualTo(new String(viaTree(id, s), StandardCharsets.UTF_8));
      assertThat(streamed).isEqualTo(viaTree(id, s));
    }
  }

  @Test
  void an_empty_structured_content_and_text_are_written_too() {
    ToolResult.Success s = new ToolResult.Success(McpJson.object(), "");
    assertThat(ToolExecution.answerBytes(RequestId.of(1), s)).isEqualTo(viaTree(RequestId.of(1), s));
    assertThat(new String(ToolExecution.answerBytes(RequestId.of(1), s), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"\"}],"
                + "\"structuredContent\":{}}}");
  }

  @Test
  void failures_keep_the_tree_path() {
    ToolResult f = ToolResult.error("bad_thing", "It went wrong.");
    assertThat(ToolExecution.answerBytes(RequestId.of(2), f))
        .isEqualTo(McpJson.resultBytes(RequestId.of(2), ToolExecution.callToolResult(f)));
  }
}
