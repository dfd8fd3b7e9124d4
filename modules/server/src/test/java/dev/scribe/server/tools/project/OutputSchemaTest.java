package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.mcp.RegisteredTool;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every shape of answer the project tools give matches the output schema they publish. */
@Timeout(120)
class OutputSchemaTest {
  @TempDir Path dir;

  private static void check(ScribeTestServer server, String tool, ToolReply r) {
    RegisteredTool t = server.server().mcp().tools().find(tool).orElseThrow();
    assertThat(t.outputViolation(r.structured())).as(tool + ": " + r).isEmpty();
  }

  @Test
  void every_success_shape_matches_its_published_output_schema() {
    try (ScribeTestServer server = ProjectModeFixture.server(dir)) {
      McpTestClient c = server.client();
      String root = dir.resolve("repo").toString();
      check(server, "set_project", ok(c.call("set_project", args("name", "p", "root", root, "description", "d"))));
      check(server, "set_project", ok(c.call("set_project", args("name", "p", "format", "both"))));
      check(server, "append_entry", ok(c.call("append_entry", args("message", "one", "status", "bug"))));
      check(server, "append_entry",
          ok(c.call("append_entry", args("items_list", List.of(Map.of("message", "a"), Map.of("message", "")),
              "format", "structured"))));
      check(server, "append_entry", ok(c.call("append_entry", args("message", "x", "idempotency_key", "k"))));
      check(server, "append_entry", ok(c.call("append_entry", args("message", "x", "idempotency_key", "k"))));
      check(server, "read_recent", ok(c.call("read_recent")));
      check(server, "read_recent", ok(c.call("read_recent", args("compact", true, "fields", "id,message"))));
      check(server, "get_project", ok(c.call("get_project")));
      check(server, "list_projects", ok(c.call("list_projects", args("include_test", true, "compact", true))));
      check(server, "list_projects", ok(server.client().call("list_projects")));
      check(server, "delete_project", ok(c.call("delete_project", args("name", "p", "force", true))));
    }
  }
}
