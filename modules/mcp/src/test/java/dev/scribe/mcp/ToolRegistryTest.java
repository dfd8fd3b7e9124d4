package dev.scribe.mcp;

import static dev.scribe.mcp.testing.TestTools.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import dev.scribe.mcp.testing.TestTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

  @Test
  void pages_are_linked_by_opaque_cursors_and_a_foreign_cursor_is_invalid_params() {
    ToolRegistry r = new TestTools().builder().pageSize(2).build();
    List<String> names = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      ObjectNode page = r.page(cursor);
      page.get("tools").forEach(t -> names.add(t.get("name").asText()));
      cursor = Optional.ofNullable(page.get("nextCursor")).map(JsonNode::asText);
      pages++;
    } while (cursor.isPresent());
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("echo", "add", "steps", "block", "fail");
    assertThatThrownBy(() -> r.page(Optional.of("dG9vbHM6MQ")))
        .isInstanceOf(JsonRpcException.class)
        .hasMessageContaining("Invalid cursor");
    assertThatThrownBy(() -> r.page(Optional.of("%%%"))).isInstanceOf(JsonRpcException.class);
  }

  @Test
  void the_published_output_schema_admits_success_and_the_error_shape_and_keeps_refs_working() {
    ToolRegistry r = new TestTools().registry();
    RegisteredTool steps = r.find("steps").orElseThrow();
    JsonNode published = steps.advertised().get("outputSchema");
    assertThat(published.get("type").asText()).isEqualTo("object");
    assertThat(published.get("anyOf")).hasSize(2);
    assertThat(published.has("$defs")).isTrue();
    // Validate both shapes against the published schema itself.
    ToolRegistry check =
        ToolRegistry.builder()
            .add(
                ToolDefinition.of(
                    "check", "d", (ObjectNode) published, schema("{\"type\":\"object\"}"), ToolAnnotations.forReads()),
                c -> CompletableFuture.completedFuture(ToolResult.success(McpJson.object(), "")))
            .build();
    RegisteredTool t = check.find("check").orElseThrow();
    assertThat(t.inputViolation(McpJson.parseObject("{\"tag\":\"a\",\"steps\":2}"))).isEmpty();
    assertThat(
            t.inputViolation(
                ToolExecution.callToolResult(ToolResult.error("x_y", "msg")).get("structuredContent")))
        .isEmpty();
    assertThat(t.inputViolation(McpJson.parseObject("{\"tag\":\"a\",\"steps\":\"two\"}"))).isPresent();
  }

  @Test
  void empty_arguments_are_checked_like_any_others_whether_the_schema_admits_them_or_not() {
    ToolRegistry r = new TestTools().registry();
    // echo requires "message": {} is refused, naming it (the shortcut for {} must not skip this).
    assertThat(r.find("echo").orElseThrow().inputViolation(McpJson.object()))
        .hasValueSatisfying(v -> assertThat(v).contains("message"));
    ToolDefinition none =
        ToolDefinition.of(
            "none", "d", schema("{\"type\":\"object\",\"additionalProperties\":false}"),
            schema("{\"type\":\"object\"}"), ToolAnnotations.forReads());
    RegisteredTool t =
        ToolRegistry.builder()
            .add(none, c -> CompletableFuture.completedFuture(ToolResult.success(McpJson.object(), "")))
            .build()
            .find("none")
            .orElseThrow();
    assertThat(t.inputViolation(McpJson.object())).isEmpty();
    assertThat(t.inputViolation(McpJson.parseObject("{\"x\":1}"))).isPresent();
    assertThat(t.inputViolation(McpJson.mapper().createArrayNode())).isPresent();
  }

  @Test
  void annotations_and_descriptions_are_published() {
    JsonNode echo = new TestTools().registry().find("echo").orElseThrow().advertised();
    assertThat(echo.get("description").asText()).isEqualTo("Returns its message.");
    assertThat(echo.get("title").asText()).isEqualTo("Echo");
    assertThat(echo.at("/annotations/readOnlyHint").asBoolean()).isTrue();
    assertThat(echo.at("/annotations/destructiveHint").asBoolean()).isFalse();
    assertThat(echo.at("/annotations/idempotentHint").asBoolean()).isTrue();
    assertThat(echo.at("/annotations/openWorldHint").asBoolean()).isFalse();
    assertThat(echo.at("/inputSchema/required/0").asText()).isEqualTo("message");
  }

  @Test
  void bad_definitions_fail_when_the_registry_is_built() {
    ObjectNode obj = schema("{\"type\":\"object\"}");
    assertThatThrownBy(() -> ToolDefinition.of("bad name", "d", obj, obj, ToolAnnotations.forReads()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolDefinition.of("t", " ", obj, obj, ToolAnnotations.forReads()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ToolDefinition.of("t", "d", schema("{\"type\":\"string\"}"), obj, ToolAnnotations.forReads()))
        .isInstanceOf(IllegalArgumentException.class);
    ToolDefinition d = ToolDefinition.of("t", "d", obj, obj, ToolAnnotations.forReads());
    assertThatThrownBy(
            () -> ToolRegistry.builder().add(d, c -> null).add(d, c -> null).build())
        .hasMessageContaining("duplicate");
  }
}
