package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.server.sentinel.SentinelImporter;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** query_entries with search_scope sentinel through real MCP clients: every filter, order, pages. */
@Timeout(180)
class SentinelQueryTest {
  @TempDir Path dir;

  static List<String> types(ToolReply r) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : r.at("/entries")) out.add(e.path("event_type").asText());
    return out;
  }

  Map<String, Object> q(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void every_filter_order_and_pagination_and_a_restart() throws Exception {
    try (ScribeTestServer server = ScribeTestServer.chronicle(dir.resolve("data"))) {
      Path repo = repo(dir, "repo");
      Path other = repo(dir, "other");
      Files.createDirectories(repo.resolve("src"));
      Files.writeString(repo.resolve("src/a.py"), "x\n");
      McpTestClient a = sentinel(server, repo);
      McpTestClient b = sentinel(server, repo);
      McpTestClient o = sentinel(server, other);
      a.call("append_event", Map.of("message", "one", "agent", "Alice", "affected_projects", List.of("alpha")));
      b.call("read_file", Map.of("path", "src/a.py"));
      String bug = a.call("open_bug", Map.of("title", "crash", "affected_paths", List.of("src/a.py"))).at("/case_id").asText();
      server.clock().advance(Duration.ofDays(1)); // 2026-03-02
      a.call("link_fix", Map.of("case_id", bug, "execution_id", "e1", "artifact_ref", "pr 1"));
      b.call("append_event", Map.of("event_type", "verification.note", "data", Map.of("k", "v")));
      a.call("rotate_log", Map.of()); // refused: a scope_violation
      o.call("append_event", Map.of("message", "elsewhere"));

      ToolReply all = a.call("query_entries", Map.of());
      assertThat(all.ok()).as(all.toString()).isTrue();
      assertThat(all.at("/search_scope").asText()).isEqualTo("sentinel");
      assertThat(types(all)).containsExactly("info", "read_file", "bug_opened", "bug_fix_linked", "verification.note",
          "scope_violation");
      assertThat(all.at("/total_found").asInt()).isEqualTo(6);

      assertThat(types(a.call("query_entries", q("order", "desc", "page_size", 2))))
          .containsExactly("scope_violation", "verification.note");
      ToolReply p2 = a.call("query_entries", q("page", 2, "page_size", 4));
      assertThat(types(p2)).containsExactly("verification.note", "scope_violation");
      assertThat(p2.at("/pagination/has_prev").asBoolean()).isTrue();
      assertThat(p2.at("/pagination/has_next").asBoolean()).isFalse();

      assertThat(types(a.call("query_entries", q("day_from", "2026-03-02")))).hasSize(3);
      assertThat(types(a.call("query_entries", q("day_to", "2026-03-01")))).containsExactly("info", "read_file", "bug_opened");
      assertThat(types(a.call("query_entries", q("start", "2026-03-02 00:00:00 UTC", "end", "2026-03-03T00:00:00Z")))).hasSize(3);
      assertThat(types(a.call("query_entries", q("agent", b.sessionId())))).containsExactly("read_file", "verification.note");
      assertThat(types(a.call("query_entries", q("agents", List.of("Alice"))))).containsExactly("info");
      assertThat(types(a.call("query_entries", q("intent", "tool:read_file")))).containsExactly("read_file");
      assertThat(types(a.call("query_entries", q("case_id", bug)))).containsExactly("bug_opened", "bug_fix_linked");
      assertThat(types(a.call("query_entries", q("affected_project", "alpha")))).containsExactly("info");
      assertThat(types(a.call("query_entries", q("path", "src/a.py")))).containsExactly("read_file", "bug_opened");
      assertThat(types(a.call("query_entries", q("path", repo + "/src/")))).containsExactly("read_file");
      assertThat(types(a.call("query_entries", q("event_type", List.of("scope_violation", "info")))))
          .containsExactly("info", "scope_violation");
      String exec = a.call("query_entries", q("event_type", "read_file")).at("/entries/0/execution_id").asText();
      assertThat(types(a.call("query_entries", q("execution_id", exec)))).containsExactly("read_file");
      // the other repository sees only its own
      assertThat(types(o.call("query_entries", Map.of()))).containsExactly("info");

      // errors: filters of the project scope, bad values
      assertThat(a.call("query_entries", q("message", "x")).errorCode()).isEqualTo("invalid_argument");
      assertThat(a.call("query_entries", q("day_from", "March")).errorCode()).isEqualTo("invalid_argument");
      assertThat(a.call("query_entries", q("start", "yesterday")).errorMessage()).startsWith("Unable to parse timestamp 'yesterday'");

      // another scope from a sentinel session is a violation; sentinel scope from a project session an error
      int violations = server.events(ScopeViolation.class).size();
      ToolReply project = a.call("query_entries", q("search_scope", "project"));
      assertThat(project.errorCode()).isEqualTo("tool_not_allowed");
      assertThat(server.events(ScopeViolation.class)).hasSize(violations + 1);
      McpTestClient p = server.client();
      assertThat(p.call("query_entries", q("search_scope", "sentinel")).errorMessage()).contains("set_mode");

      server.restart();
      ToolReply again = a.call("query_entries", q("event_type", List.of("info", "read_file", "bug_opened", "bug_fix_linked", "verification.note")));
      assertThat(types(again)).containsExactly("info", "read_file", "bug_opened", "bug_fix_linked", "verification.note");
    }
  }

  @Test
  void imported_history_is_searchable_like_live_events() throws Exception {
    Path fixture = SentinelFixtureImportTest.FIXTURES.resolve("sentinel-2026-01-03.jsonl");
    Assumptions.assumeTrue(Files.isRegularFile(fixture), "sentinel fixture: ../shared/fixtures not present");
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir.resolve("data"))) {
      Path repo = repo(dir, "repo");
      SentinelImporter.run(server.log(), new EventCodec(), repo, fixture);
      McpTestClient c = sentinel(server, repo);
      ToolReply reads = c.call("query_entries", q("path", "tools/read_recent.py", "page_size", 100));
      assertThat(reads.at("/total_found").asInt()).isEqualTo(4); // counted in the fixture
      ToolReply violations = c.call("query_entries", q("event_type", "scope_violation", "day_from", "2026-01-03", "day_to", "2026-01-03"));
      assertThat(violations.at("/total_found").asInt()).isEqualTo(4);
      assertThat(violations.at("/entries/0/timestamp_utc").asText()).isEqualTo("2026-01-03T06:37:28.887571+00:00");
      ToolReply agent = c.call("query_entries", q("agent", "ae422afe-7f9f-4df4-8e8b-ce90e9ad324f", "order", "desc"));
      assertThat(agent.at("/total_found").asInt()).isEqualTo(3);
      assertThat(agent.at("/entries/0/intent").asText()).isEqualTo("tool:append_event");
      assertThat(Instant.parse("2026-03-01T09:00:00Z")).isEqualTo(ScribeTestServer.START);
    }
  }
}
