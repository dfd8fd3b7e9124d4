package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.log;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** B17 and B13: bindings are events, so they survive a restart; sessions never merge. */
@Timeout(180)
class BindingRestartTest {
  @TempDir Path dir;

  @Test
  void b17_a_binding_and_the_entries_survive_a_restart_on_a_chronicle_log() {
    try (ScribeTestServer server = ScribeTestServer.chronicle(dir.resolve("data"))) {
      McpTestClient a = server.client();
      McpTestClient b = server.client();
      bind(a, "alpha", dir.resolve("ra"));
      bind(b, "beta", dir.resolve("rb"));
      log(a, "before restart");
      server.restart();
      assertThat(ok(a.call("get_project")).at("/project/name").asText()).isEqualTo("alpha");
      assertThat(ok(b.call("get_project")).at("/project/name").asText()).isEqualTo("beta");
      log(a, "after restart");
      ToolReply read = ok(a.call("read_recent", args("format", "structured")));
      List<String> messages = new ArrayList<>();
      for (JsonNode e : read.at("/entries")) messages.add(e.path("message").asText());
      assertThat(messages).containsExactly("after restart", "before restart");
      assertThat(ok(b.call("read_recent", args("format", "structured"))).at("/entries")).isEmpty();
      ToolReply again = ok(a.call("set_project", args("name", "alpha", "expected_version", 1)));
      assertThat(again.at("/binding_version").asLong()).isEqualTo(2);
    }
  }

  @Test
  void b13_two_sessions_with_the_same_agent_and_root_are_two_sessions() {
    try (ScribeTestServer server = ProjectModeFixture.server(dir)) {
      McpTestClient one = server.client();
      McpTestClient two = server.client();
      Path root = dir.resolve("repo");
      bind(one, "p", root);
      bind(two, "q", root.resolve("sub"));
      ok(one.call("append_entry", args("message", "x", "agent", "Codex")));
      ok(two.call("append_entry", args("message", "y", "agent", "Codex")));
      assertThat(ok(one.call("get_project")).at("/project/name").asText()).isEqualTo("p");
      assertThat(ok(two.call("get_project")).at("/project/name").asText()).isEqualTo("q");
    }
  }
}
