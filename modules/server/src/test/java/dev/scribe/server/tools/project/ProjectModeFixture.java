package dev.scribe.server.tools.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the project-mode tool tests (every call goes through a real MCP client). */
final class ProjectModeFixture {
  static final String NO_BINDING = "No project bound to this session: call set_project first";

  private ProjectModeFixture() {}

  static ScribeTestServer server(Path dir) {
    return ScribeTestServer.inMemory(dir.resolve("data"));
  }

  /** {@code set_project{name, root}} that must succeed. */
  static ToolReply bind(McpTestClient c, String name, Path root) {
    ToolReply r = c.call("set_project", args("name", name, "root", root.toString()));
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r;
  }

  /** {@code append_entry{message}} (structured) that must succeed. */
  static ToolReply log(McpTestClient c, String message) {
    return ok(c.call("append_entry", args("message", message, "format", "structured")));
  }

  static ToolReply ok(ToolReply r) {
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.isError()).as(r.toString()).isFalse();
    return r;
  }

  static ToolReply error(ToolReply r, String code) {
    assertThat(r.isError()).as(r.toString()).isTrue();
    assertThat(r.structured().path("ok").asBoolean(true)).as(r.toString()).isFalse();
    assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    return r;
  }

  /** Arguments from alternating keys and values. */
  static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /** Waits until projection {@code name} has applied the whole log. */
  static void awaitView(ScribeTestServer server, String name) {
    try {
      assertThat(
              server.server().projections()
                  .awaitApplied(name, server.log().lastPosition(), Duration.ofSeconds(60)))
          .as("view " + name + " caught up")
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
