package dev.scribe.server.tools.query;

import static dev.scribe.server.tools.query.Entries.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.project.Bindings;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, bindings, freshness. */
@Timeout(120)
class QueryEntriesIsolationTest {
  @TempDir Path dir;

  @Test
  void a_session_bound_to_alpha_never_sees_beta_with_scope_project() {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      Entries entries = new Entries(server, dir.resolve("repos"));
      McpTestClient alpha = server.client();
      McpTestClient beta = server.client();
      entries.bind(alpha, "alpha");
      entries.bind(beta, "beta");
      for (int i = 0; i < 5; i++) {
        entries.entry("alpha", "shared text a" + i).append(alpha);
        entries.entry("beta", "shared text b" + i).append(beta);
      }
      ToolReply a = alpha.call("query_entries", "{\"message\":\"shared\"}");
      ToolReply b = beta.call("query_entries", "{\"message\":\"shared\", \"order\":\"desc\"}");
      assertThat(messages(a)).hasSize(5).allMatch(m -> m.contains(" a"));
      assertThat(messages(b)).hasSize(5).allMatch(m -> m.contains(" b"));
      assertThat(a.at("/project_name").asText()).isEqualTo("alpha");

      ToolReply all = alpha.call("query_entries", "{\"search_scope\":\"all_projects\", \"page_size\":20}");
      assertThat(all.at("/total_found").asInt()).isEqualTo(10);
      all.at("/entries").forEach(e ->
          assertThat(e.path("project").asText())
              .isEqualTo(e.path("message").asText().contains(" a") ? "alpha" : "beta"));
    }
  }

  @Test
  void a_project_registered_again_after_its_deletion_starts_empty() {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      McpTestClient c = server.client();
      String bind = "{\"name\":\"alpha\", \"root\":\"" + dir.resolve("repo") + "\"}";
      assertThat(c.call("set_project", bind).ok()).isTrue();
      assertThat(c.call("append_entry", "{\"message\":\"old incarnation\"}").ok()).isTrue();
      ToolReply deleted =
          c.call("delete_project", "{\"name\":\"alpha\", \"mode\":\"permanent\", \"confirm\":true}");
      assertThat(deleted.ok()).as(deleted.toString()).isTrue();

      assertThat(c.call("set_project", bind).ok()).isTrue();
      assertThat(c.call("append_entry", "{\"message\":\"new incarnation\"}").ok()).isTrue();

      assertThat(messages(c.call("query_entries", "{}"))).containsExactly("new incarnation");
      assertThat(messages(c.call("query_entries", "{\"search_scope\":\"all_projects\"}")))
          .containsExactly("new incarnation");
      ToolReply recent = c.call("read_recent", "{\"format\":\"structured\"}");
      assertThat(recent.at("/entries")).hasSize(1);
      assertThat(recent.at("/entries/0/message").asText()).isEqualTo("new incarnation");
    }
  }

  @Test
  void a_session_without_a_binding_is_told_to_call_set_project() {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      Entries entries = new Entries(server, dir.resolve("repos"));
      McpTestClient other = server.client();
      entries.bind(other, "alpha");
      entries.entry("alpha", "secret").append(other);
      McpTestClient unbound = server.client();
      for (String args : new String[] {"{}", "{\"search_scope\":\"all_projects\"}", "{\"project\":\"alpha\"}"}) {
        ToolReply r = unbound.call("query_entries", args);
        assertThat(r.isError()).as(args).isTrue();
        assertThat(r.errorCode()).isEqualTo("no_project_bound");
        assertThat(r.errorMessage()).isEqualTo(Bindings.NO_BINDING);
        assertThat(r.errorMessage()).isEqualTo("No project bound to this session: call set_project first");
      }
    }
  }

  @Test
  void every_acknowledged_entry_is_visible_to_the_next_call() {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      Entries entries = new Entries(server, dir.resolve("repos"));
      McpTestClient c = server.client();
      entries.bind(c, "alpha");
      for (int i = 1; i <= 30; i++) {
        entries.entry("alpha", "step " + i).append(c);
        ToolReply r = c.call("query_entries", "{\"order\":\"desc\", \"page_size\":1}");
        assertThat(messages(r)).as("after append %d", i).containsExactly("step " + i);
        assertThat(r.at("/total_found").asInt()).isEqualTo(i);
      }
    }
  }

  @Test
  void end_to_end_with_set_project_and_append_entry_read_recent_and_query_entries_agree() {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      McpTestClient c = server.client();
      String root = dir.resolve("repo").toString();
      assertThat(c.call("set_project", "{\"name\":\"e2e\", \"root\":\"" + root + "\"}").ok()).isTrue();
      for (int i = 1; i <= 12; i++) {
        ToolReply appended = c.call("append_entry",
            "{\"message\":\"e2e step " + i + "\", \"status\":\"" + (i % 3 == 0 ? "success" : "info") + "\"}");
        assertThat(appended.ok()).as(appended.toString()).isTrue();
        ToolReply q = c.call("query_entries", "{\"order\":\"desc\", \"page_size\":1}");
        assertThat(messages(q)).as("read-your-writes after append %d", i).containsExactly("e2e step " + i);
      }
      ToolReply query = c.call("query_entries",
          "{\"status\":[\"success\"], \"order\":\"desc\", \"format\":\"structured\"}");
      ToolReply recent = c.call("read_recent",
          "{\"filter\":{\"status\":\"success\"}, \"format\":\"structured\"}");
      assertThat(messages(query)).containsExactly("e2e step 12", "e2e step 9", "e2e step 6", "e2e step 3");
      assertThat(messages(recent)).as(recent.toString()).isEqualTo(messages(query));
    }
  }

  @Test
  void the_index_survives_a_restart_and_answers_the_same() {
    try (ScribeTestServer server = ScribeTestServer.chronicle(dir.resolve("data"))) {
      Entries entries = new Entries(server, dir.resolve("repos"));
      McpTestClient c = server.client();
      entries.bind(c, "alpha");
      for (int i = 1; i <= 12; i++) entries.entry("alpha", "entry " + i).append(c);
      ToolReply before = c.call("query_entries", "{\"message\":\"entry 1\", \"page_size\":50}");
      server.restart();
      ToolReply after = c.call("query_entries", "{\"message\":\"entry 1\", \"page_size\":50}");
      assertThat(messages(after)).containsExactly("entry 1", "entry 10", "entry 11", "entry 12");
      assertThat(after.at("/entries")).isEqualTo(before.at("/entries"));
    }
  }
}
