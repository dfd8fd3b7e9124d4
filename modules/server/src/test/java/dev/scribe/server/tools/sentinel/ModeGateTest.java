package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.ModeSet;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mode exclusivity through a real MCP client (B21, B22, B23, B29 as decided in issue 5). */
@Timeout(120)
class ModeGateTest {
  @TempDir Path dir;
  ScribeTestServer server;
  Path repo;

  @BeforeEach
  void start() throws Exception {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    repo = repo(dir, "repo");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void b21_a_tool_outside_the_sentinel_list_is_refused_and_logged() throws Exception {
    McpTestClient c = sentinel(server, repo);
    ToolReply r = c.call("rotate_log", Map.of());
    assertThat(r.isError()).isTrue();
    assertThat(r.errorCode()).isEqualTo("tool_not_allowed");
    assertThat(r.errorMessage()).isEqualTo("Tool 'rotate_log' is not allowed in sentinel mode");
    assertThat(server.events(ScopeViolation.class)).singleElement().satisfies(v -> {
      assertThat(v.tool()).isEqualTo("rotate_log");
      assertThat(v.reason()).isEqualTo("tool_not_allowed_in_sentinel_mode");
      assertThat(v.repoRoot()).isEqualTo(repo.toString());
    });
    awaitFiles(server);
    List<JsonNode> jsonl = jsonl(dayDir(repo).resolve("sentinel.jsonl"));
    assertThat(jsonl).singleElement().satisfies(j -> {
      assertThat(j.path("event_type").asText()).isEqualTo("scope_violation");
      assertThat(j.path("data").toString())
          .isEqualTo("{\"reason\":\"tool_not_allowed_in_sentinel_mode\",\"tool_name\":\"rotate_log\"}");
      assertThat(j.path("repo_id").asText()).isEqualTo(repoId(repo));
      assertThat(j.path("sentinel_day").asText()).isEqualTo(DAY);
      assertThat(j.path("intent").asText()).isEqualTo("tool:rotate_log");
    });
    assertThat(lines(dayDir(repo).resolve("SENTINEL_LOG.md"))).singleElement().asString()
        .contains("[event:scope_violation]").contains("tool:rotate_log");
  }

  @Test
  void a_refused_call_is_refused_and_logged_whatever_its_arguments() {
    McpTestClient c = sentinel(server, repo);
    // invalid for rotate_log's schema (unknown key, wrong type): the gate still decides first
    ToolReply r = c.call("rotate_log", Map.of("confirm", "yes", "bogus", 1));
    assertThat(r.errorCode()).isEqualTo("tool_not_allowed");
    assertThat(r.errorMessage()).isEqualTo("Tool 'rotate_log' is not allowed in sentinel mode");
    assertThat(server.events(ScopeViolation.class)).singleElement()
        .satisfies(v -> assertThat(v.tool()).isEqualTo("rotate_log"));
  }

  @Test
  void b23_b29_project_tools_are_refused_in_sentinel_mode_and_never_resolve_a_project() throws Exception {
    McpTestClient c = sentinel(server, repo);
    Map<String, Map<String, Object>> calls = new java.util.LinkedHashMap<>();
    calls.put("read_recent", Map.of());
    calls.put("append_entry", Map.of("message", "via append_entry"));
    calls.put("set_project", Map.of("name", "p", "root", repo.toString()));
    calls.put("get_project", Map.of());
    calls.put("list_projects", Map.of());
    calls.put("delete_project", Map.of("name", "p"));
    calls.put("health_check", Map.of());
    for (var call : calls.entrySet()) {
      String tool = call.getKey();
      ToolReply r = c.call(tool, call.getValue());
      assertThat(r.errorMessage()).as(tool).isEqualTo("Tool '" + tool + "' is not allowed in sentinel mode");
    }
    assertThat(server.events(ScopeViolation.class)).hasSize(7);
    awaitFiles(server);
    assertThat(jsonl(dayDir(repo).resolve("sentinel.jsonl"))).hasSize(7);
    // nothing project-side was touched
    assertThat(repo.resolve(".scribe/docs")).doesNotExist();
  }

  @Test
  void b22_sentinel_tools_fail_in_project_mode_without_an_event() {
    McpTestClient c = server.client();
    Map<String, Map<String, Object>> calls = Map.of(
        "append_event", Map.of("message", "evt"),
        "open_bug", Map.of("title", "crash", "symptoms", "boom"),
        "open_security", Map.of("title", "leak"),
        "link_fix", Map.of("case_id", "BUG-2026-03-01-0001", "execution_id", "e", "artifact_ref", "abc"),
        "close_case", Map.of("case_id", "BUG-2026-03-01-0001", "root_cause", "r"),
        "list_cases", Map.of());
    assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(Modes.SENTINEL_ONLY);
    for (String tool : Modes.SENTINEL_ONLY) {
      ToolReply r = c.call(tool, calls.get(tool));
      assertThat(r.isError()).as(tool).isTrue();
      assertThat(r.errorCode()).isEqualTo("tool_not_allowed");
      assertThat(r.errorMessage()).isEqualTo("Tool '" + tool + "' is not allowed in project mode");
    }
    assertThat(server.events(ScopeViolation.class)).isEmpty();
  }

  @Test
  void modes_are_per_session_and_set_mode_switches_back() throws Exception {
    McpTestClient a = sentinel(server, repo);
    McpTestClient b = server.client();
    assertThat(b.call("open_bug", Map.of("title", "x")).errorMessage())
        .isEqualTo("Tool 'open_bug' is not allowed in project mode");
    assertThat(a.call("open_bug", Map.of("title", "x")).ok()).isTrue();
    ToolReply back = a.call("set_mode", Map.of("mode", "project"));
    assertThat(back.ok()).isTrue();
    assertThat(back.at("/previous_mode").asText()).isEqualTo("sentinel");
    assertThat(a.call("open_bug", Map.of("title", "x")).errorCode()).isEqualTo("tool_not_allowed");
    assertThat(server.events(ModeSet.class)).extracting(ModeSet::mode).containsExactly("sentinel", "project");
  }

  @Test
  void set_mode_requires_an_existing_absolute_repository_root() {
    McpTestClient c = server.client();
    assertThat(c.call("set_mode", Map.of("mode", "sentinel")).errorMessage()).contains("repo_root is required");
    assertThat(c.call("set_mode", Map.of("mode", "sentinel", "repo_root", "rel/path")).errorMessage())
        .contains("absolute");
    assertThat(c.call("set_mode", Map.of("mode", "sentinel", "repo_root", dir.resolve("nope").toString()))
        .errorMessage()).contains("does not exist");
    assertThat(c.call("set_mode", Map.of("mode", "project", "repo_root", repo.toString())).errorCode())
        .isEqualTo("invalid_argument");
    assertThat(server.events(ModeSet.class)).isEmpty();
    ToolReply ok = c.call("set_mode", Map.of("mode", "sentinel", "repo_root", repo + "/./"));
    assertThat(ok.at("/repo_root").asText()).isEqualTo(repo.toString());
    assertThat(ok.at("/repo_id").asText()).isEqualTo(repoId(repo));
  }

  @Test
  void every_listed_tool_is_published_with_schemas() {
    McpTestClient c = server.client();
    assertThat(c.listTools()).extracting(t -> t.name())
        .contains("set_mode", "append_event", "open_bug", "open_security", "link_fix", "close_case",
            "list_cases", "read_file");
  }
}
