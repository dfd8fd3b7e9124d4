package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bug and security cases through real MCP clients (B27, B28, the closure rule, concurrency). */
@Timeout(300)
class CaseToolsTest {
  @TempDir Path dir;
  ScribeTestServer server;
  Path repo;
  McpTestClient c;

  @BeforeEach
  void start() throws Exception {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    repo = repo(dir, "repo");
    c = sentinel(server, repo);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String open(McpTestClient client, String tool, String title) {
    ToolReply r = client.call(tool, Map.of("title", title, "symptoms", "boom"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r.at("/case_id").asText();
  }

  @Test
  void b27_case_ids_are_numbered_per_kind_and_day() throws Exception {
    assertThat(open(c, "open_bug", "crash")).isEqualTo("BUG-2026-03-01-0001");
    assertThat(open(c, "open_bug", "crash again")).isEqualTo("BUG-2026-03-01-0002");
    assertThat(open(c, "open_security", "leak")).isEqualTo("SEC-2026-03-01-0001");
    awaitFiles(server);
    List<JsonNode> bugs = jsonl(dayDir(repo).resolve("bug.jsonl"));
    assertThat(bugs).hasSize(2);
    assertThat(bugs.get(0).path("event_type").asText()).isEqualTo("bug_opened");
    assertThat(bugs.get(0).at("/data/landing_status").asText()).isEqualTo("proposed");
    assertThat(bugs.get(0).at("/data/affected_paths").isArray()).isTrue();
    assertThat(bugs.get(0).at("/data/affected_paths")).isEmpty();
    assertThat(bugs.get(0).at("/data/case_id").asText()).isEqualTo("BUG-2026-03-01-0001");
    List<JsonNode> sec = jsonl(dayDir(repo).resolve("security.jsonl"));
    assertThat(sec).singleElement().satisfies(j -> assertThat(j.path("event_type").asText()).isEqualTo("security_opened"));
    assertThat(lines(dayDir(repo).resolve("SENTINEL_LOG.md"))).hasSize(3) // one Markdown line per opening
        .anySatisfy(l -> assertThat(l).contains("[case:SEC-2026-03-01-0001]").endsWith("tool:open_security leak"));
  }

  @Test
  void case_numbers_are_per_repository_and_restart_each_day() throws Exception {
    Path other = repo(dir, "other");
    McpTestClient o = sentinel(server, other);
    assertThat(open(c, "open_bug", "a")).isEqualTo("BUG-2026-03-01-0001");
    assertThat(open(o, "open_bug", "b")).isEqualTo("BUG-2026-03-01-0001");
    server.clock().set(java.time.Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(open(c, "open_bug", "c")).isEqualTo("BUG-2026-03-02-0001");
    // another repository's case is not this one's
    ToolReply foreign = o.call("link_fix", Map.of("case_id", "BUG-2026-03-02-0001", "execution_id", "e", "artifact_ref", "x"));
    assertThat(foreign.errorCode()).isEqualTo("not_found");
  }

  @Test
  void b28_link_fix_appends_to_the_existing_case_and_never_mints_an_id() throws Exception {
    String id = open(c, "open_bug", "crash");
    ToolReply bad = c.call("link_fix", Map.of("case_id", "X-1", "execution_id", "e", "artifact_ref", "commit abc"));
    assertThat(bad.errorMessage()).isEqualTo("case_id must start with BUG- or SEC-");
    ToolReply missing = c.call("link_fix", Map.of("case_id", "BUG-2026-03-01-0009", "execution_id", "e", "artifact_ref", "a"));
    assertThat(missing.errorCode()).isEqualTo("not_found");
    ToolReply ok = c.call("link_fix", Map.of("case_id", id, "execution_id", "e", "artifact_ref", "commit abc", "landing_status", "verified"));
    assertThat(ok.ok()).as(ok.toString()).isTrue();
    assertThat(ok.at("/case_id").asText()).isEqualTo(id);
    assertThat(server.events(FixLinked.class)).singleElement().satisfies(f -> {
      assertThat(f.caseId()).isEqualTo(id);
      assertThat(f.fixExecutionId()).isEqualTo("e");
      assertThat(f.artifactRef()).isEqualTo("commit abc");
    });
    assertThat(server.events(CaseOpened.class)).hasSize(1);
    awaitFiles(server);
    JsonNode linked = jsonl(dayDir(repo).resolve("bug.jsonl")).get(1);
    assertThat(linked.path("event_type").asText()).isEqualTo("bug_fix_linked");
    assertThat(linked.at("/data/case_id").asText()).isEqualTo(id);
    assertThat(linked.at("/data/fix_link").toString()).isEqualTo("{\"execution_id\":\"e\",\"artifact_ref\":\"commit abc\"}");
    assertThat(linked.at("/data/landing_status").asText()).isEqualTo("verified");
  }

  @Test
  void close_case_names_what_is_missing_and_closes_once_everything_is_there() throws Exception {
    String id = open(c, "open_bug", "crash");
    ToolReply none = c.call("close_case", Map.of("case_id", id, "root_cause", " "));
    assertThat(none.errorCode()).isEqualTo("case_not_closable");
    assertThat(none.errorMessage()).contains("root cause").contains("linked fix").contains("verified");
    assertThat(none.at("/missing").toString()).isEqualTo("[\"root_cause\",\"linked_fix\",\"verified_fix\"]");

    c.call("link_fix", Map.of("case_id", id, "execution_id", "e1", "artifact_ref", "pr 1", "landing_status", "landed"));
    ToolReply landed = c.call("close_case", Map.of("case_id", id, "root_cause", "race in the allocator"));
    assertThat(landed.at("/missing").toString()).isEqualTo("[\"verified_fix\"]");
    assertThat(landed.errorMessage()).doesNotContain("root cause").doesNotContain("linked fix (");
    ToolReply list = c.call("list_cases", Map.of("status", "fixed"));
    assertThat(list.at("/cases/0/case_id").asText()).isEqualTo(id);

    c.call("link_fix", Map.of("case_id", id, "execution_id", "e2", "artifact_ref", "pr 1", "landing_status", "verified"));
    ToolReply noCause = c.call("close_case", Map.of("case_id", id, "root_cause", ""));
    assertThat(noCause.at("/missing").toString()).isEqualTo("[\"root_cause\"]");
    ToolReply closed = c.call("close_case", Map.of("case_id", id, "root_cause", "race in the allocator"));
    assertThat(closed.ok()).as(closed.toString()).isTrue();
    assertThat(server.events(CaseClosed.class)).singleElement()
        .satisfies(e -> assertThat(e.rootCause()).isEqualTo("race in the allocator"));
    assertThat(c.call("close_case", Map.of("case_id", id, "root_cause", "again")).errorCode()).isEqualTo("case_closed");
    assertThat(c.call("link_fix", Map.of("case_id", id, "execution_id", "e", "artifact_ref", "x")).errorCode())
        .isEqualTo("case_closed");

    ToolReply all = c.call("list_cases", Map.of());
    assertThat(all.at("/cases/0/status").asText()).isEqualTo("closed");
    assertThat(all.at("/cases/0/root_cause").asText()).isEqualTo("race in the allocator");
    assertThat(all.at("/cases/0/fixes").size()).isEqualTo(2);
    assertThat(all.at("/counts/closed").asInt()).isEqualTo(1);
    awaitFiles(server);
    assertThat(jsonl(dayDir(repo).resolve("bug.jsonl"))).extracting(j -> j.path("event_type").asText())
        .containsExactly("bug_opened", "bug_fix_linked", "bug_fix_linked", "bug_closed");
  }

  @Test
  void list_cases_filters_by_status_and_kind() {
    String bug = open(c, "open_bug", "b");
    open(c, "open_security", "s");
    c.call("link_fix", Map.of("case_id", bug, "execution_id", "e", "artifact_ref", "x", "landing_status", "landed"));
    assertThat(c.call("list_cases", Map.of("status", "open")).at("/cases").size()).isEqualTo(1);
    assertThat(c.call("list_cases", Map.of("kind", "bug")).at("/cases/0/case_id").asText()).isEqualTo(bug);
    ToolReply all = c.call("list_cases", Map.of());
    assertThat(all.at("/counts/open").asInt()).isEqualTo(1);
    assertThat(all.at("/counts/fixed").asInt()).isEqualTo(1);
  }

  @Test
  void concurrent_openings_from_many_sessions_get_distinct_gap_free_numbers() throws Exception {
    int sessions = 24;
    int perSession = 4;
    List<McpTestClient> clients = new ArrayList<>();
    for (int i = 0; i < sessions; i++) clients.add(sentinel(server, repo));
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (McpTestClient client : clients) {
        futures.add(pool.submit(() -> {
          go.await();
          List<String> ids = new ArrayList<>();
          for (int k = 0; k < perSession; k++) ids.add(open(client, "open_bug", "race " + k));
          return ids;
        }));
      }
      go.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : futures) all.addAll(f.get());
      List<String> expected = IntStream.rangeClosed(1, sessions * perSession)
          .mapToObj(n -> String.format("BUG-2026-03-01-%04d", n)).toList();
      assertThat(all).hasSize(sessions * perSession).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(server.events(CaseOpened.class)).extracting(CaseOpened::caseId)
          .containsExactlyElementsOf(expected); // log order = number order
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Fixes linked to one case from many sessions at once: each append expects the case's version it
   * read, so the losers of a race read again and retry; every fix lands once. Afterwards the case
   * closes, and a late fix is refused.
   */
  @Test
  void concurrent_link_fix_calls_on_one_case_all_land_once() throws Exception {
    String id = open(c, "open_bug", "shared");
    int sessions = 8;
    int perSession = 3;
    List<McpTestClient> clients = new ArrayList<>();
    for (int i = 0; i < sessions; i++) clients.add(sentinel(server, repo));
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<ToolReply>>> futures = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        McpTestClient client = clients.get(i);
        int n = i;
        futures.add(pool.submit(() -> {
          go.await();
          List<ToolReply> replies = new ArrayList<>();
          for (int k = 0; k < perSession; k++) {
            replies.add(client.call("link_fix", Map.of(
                "case_id", id, "execution_id", "exec-" + n + "-" + k, "artifact_ref", "commit " + n + k,
                "landing_status", "verified")));
          }
          return replies;
        }));
      }
      go.countDown();
      for (Future<List<ToolReply>> f : futures) {
        for (ToolReply r : f.get()) assertThat(r.ok()).as(r.toString()).isTrue();
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        for (int k = 0; k < perSession; k++) expected.add("exec-" + i + "-" + k);
      }
      assertThat(server.events(FixLinked.class)).extracting(FixLinked::fixExecutionId)
          .containsExactlyInAnyOrderElementsOf(expected);
      ToolReply closed = c.call("close_case", Map.of("case_id", id, "root_cause", "race"));
      assertThat(closed.ok()).as(closed.toString()).isTrue();
      ToolReply late = c.call("link_fix", Map.of("case_id", id, "execution_id", "late", "artifact_ref", "x"));
      assertThat(late.ok()).isFalse();
      assertThat(late.toString()).contains("is closed; open a new case for a new problem.");
    } finally {
      pool.shutdownNow();
    }
  }
}
