package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.error;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** append_entry through the MCP layer: reference B30–B45, B47, idempotency keys. */
@Timeout(180)
class AppendEntryBehaviourTest {
  @TempDir Path dir;
  private ScribeTestServer server;
  private McpTestClient c;
  private Path root;

  @BeforeEach
  void start() {
    server = ProjectModeFixture.server(dir);
    c = server.client();
    root = dir.resolve("repo");
    bind(c, "Demo Proj", root);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ToolReply append(Object... kv) {
    Map<String, Object> a = args(kv);
    a.putIfAbsent("format", "structured");
    return c.call("append_entry", a);
  }

  private int entries() {
    return server.events(EntryAppended.class).size();
  }

  @Test
  void b30_the_written_line_is_the_reference_line_and_the_last_line_of_the_progress_log()
      throws Exception {
    ToolReply r =
        ok(append("message", "Recorded unit test entry", "status", "info", "meta",
            Map.of("scope", "unit-test")));
    String line =
        "[ℹ️] [2026-03-01 09:00:00 UTC] [Agent: Scribe] [Project: Demo Proj] Recorded unit test"
            + " entry | scope=unit-test; priority=low; log_type=progress; content_type=log";
    assertThat(r.at("/written_line").asText()).isEqualTo(line);
    assertThat(r.at("/id").asText()).matches("[0-9a-f]{32}");
    assertThat(r.at("/content_sha256").asText()).matches("[0-9a-f]{64}");
    ProjectModeFixture.awaitView(server, "markdown");
    List<String> lines = Files.readAllLines(Path.of(r.at("/path").asText()), StandardCharsets.UTF_8);
    lines.removeIf(String::isBlank);
    assertThat(lines.get(lines.size() - 1)).isEqualTo(line);
    assertThat(r.text()).isNotEmpty();
  }

  @Test
  void b31_meta_in_every_accepted_shape() {
    ToolReply json =
        ok(append("message", "m1", "meta", "{\"task\":\"meta_json\",\"component\":\"append_entry\",\"flag\":true}"));
    assertThat(json.at("/meta/component").asText()).isEqualTo("append_entry");
    assertThat(json.at("/meta/flag").asText()).isEqualTo("True");
    ToolReply pairs = ok(append("message", "m2", "meta", List.of(List.of("task", "sequence_meta"), List.of("index", 1))));
    assertThat(pairs.at("/meta/index").asText()).isEqualTo("1");
    ToolReply pairString = ok(append("message", "m3", "meta", "[[\"task\",\"s\"],[\"n\",2]]"));
    assertThat(pairString.at("/meta/n").asText()).isEqualTo("2");
    ToolReply sanitised = ok(append("message", "m4", "meta", Map.of("b key", "value\nline", "a", 1)));
    assertThat(sanitised.at("/written_line").asText()).contains("| a=1; b_key=value line; priority=");
    ToolReply kv = ok(append("message", "m5", "meta", "a=1,b=two"));
    assertThat(kv.at("/meta/a").asText()).isEqualTo("1");
    assertThat(kv.at("/meta/b").asText()).isEqualTo("two");
    ToolReply nested = ok(append("message", "m6", "meta", Map.of("details", Map.of("nested", true))));
    assertThat(nested.at("/meta/details").asText()).isEqualTo("{\"nested\": true}");
    int before = entries();
    error(append("message", "m7", "meta", "not pairs"), "invalid_argument");
    error(append("message", "m8", "meta", "{broken"), "invalid_argument");
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void b32_bulk_items_inherit_the_parent_meta_and_parse_pair_strings() {
    ToolReply r =
        ok(append("message", "", "meta", Map.of("parent", "value"), "items_list",
            List.of(Map.of("message", "Child entry", "meta", "scope=child"))));
    assertThat(r.at("/failed_count").asInt()).isZero();
    assertThat(r.at("/written_lines/0").asText()).contains("scope=child").contains("parent=value");
  }

  @Test
  void b33_emoji_precedence_explicit_status_project_default_info() {
    assertThat(ok(append("message", "x", "status", "success", "emoji", "🔥")).at("/written_line").asText()).startsWith("[🔥]");
    assertThat(ok(append("message", "x", "status", "success")).at("/written_line").asText()).startsWith("[✅]");
    assertThat(ok(append("message", "x")).at("/written_line").asText()).startsWith("[ℹ️]");
    ok(c.call("set_project", args("name", "Demo Proj", "defaults", Map.of("emoji", "🛠️"))));
    assertThat(ok(append("message", "x")).at("/written_line").asText()).startsWith("[🛠️]");
  }

  @Test
  void b34_priority_is_inferred_from_status() {
    Map<String, String> expected =
        Map.of("error", "high", "bug", "high", "warn", "medium", "success", "medium", "plan", "medium", "info", "low");
    expected.forEach(
        (status, priority) ->
            assertThat(ok(append("message", "x", "status", status)).at("/meta/priority").asText())
                .as(status).isEqualTo(priority));
    assertThat(ok(append("message", "x")).at("/meta/priority").asText()).isEqualTo("medium");
  }

  @Test
  void b35_priority_category_tags_confidence_with_the_lenient_rules_reported_as_warnings() {
    ToolReply good =
        ok(append("message", "x", "priority", "CRITICAL", "category", "decision", "tags", List.of("a", "b"), "confidence", 0.5));
    assertThat(good.at("/written_line").asText())
        .endsWith("| priority=critical; category=decision; tags=[\"a\", \"b\"]; confidence=0.5; log_type=progress; content_type=log");
    assertThat(good.at("/warnings")).isEmpty();
    ToolReply lenient = ok(append("message", "x", "priority", "urgent", "category", "weird", "confidence", 7));
    assertThat(lenient.at("/meta/priority").asText()).isEqualTo("medium");
    assertThat(lenient.at("/meta").has("category")).isFalse();
    assertThat(lenient.at("/meta/confidence").asText()).isEqualTo("1.0");
    assertThat(lenient.at("/warnings")).hasSize(3);
  }

  @Test
  void b36_pipes_and_newlines_are_stored_exactly_and_escaped_only_in_the_line() {
    ToolReply pipe = ok(append("message", "pipe | value"));
    ToolReply multi = ok(append("message", "a\nb", "auto_split", false));
    assertThat(multi.at("/written_line").asText()).contains("] a\\nb |");
    assertThat(pipe.at("/written_line").asText()).contains("] pipe \\| value |");
    List<String> stored = server.events(EntryAppended.class).stream().map(EntryAppended::message).toList();
    assertThat(stored).containsExactly("pipe | value", "a\nb");
    ToolReply read = ok(c.call("read_recent", args("format", "structured")));
    assertThat(read.at("/entries/0/message").asText()).isEqualTo("a\nb");
    assertThat(read.at("/entries/1/message").asText()).isEqualTo("pipe | value");
  }

  @Test
  void b37_a_multi_line_message_becomes_one_entry_per_line_a_second_apart() {
    ToolReply r = ok(append("message", "line A\nline B\n\nline C"));
    assertThat(r.at("/bulk_mode").asBoolean()).isTrue();
    assertThat(r.at("/written_count").asInt()).isEqualTo(3);
    List<EntryAppended> e = server.events(EntryAppended.class);
    assertThat(e).extracting(EntryAppended::message).containsExactly("line A", "line B", "line C");
    assertThat(e).extracting(EntryAppended::timestamp)
        .containsExactly("2026-03-01 09:00:00 UTC", "2026-03-01 09:00:01 UTC", "2026-03-01 09:00:02 UTC");
    ToolReply detected = ok(append("message", "build failed\nall tests done"));
    assertThat(detected.at("/results/0/written_line").asText()).startsWith("[❌]");
    assertThat(detected.at("/results/1/written_line").asText()).startsWith("[✅]");
  }

  @Test
  void b38_bug_and_security_entries_are_teed_and_doc_updates_go_to_the_doc_log() {
    String docs = root.resolve(".scribe/docs/dev_plans/demo_proj").toString();
    ToolReply bug =
        ok(append("message", "crash", "status", "bug", "meta", Map.of("severity", "high", "component", "auth", "status", "open")));
    assertThat(bug.at("/path").asText()).isEqualTo(docs + "/PROGRESS_LOG.md");
    assertThat(bug.at("/paths")).extracting(JsonNode::asText)
        .containsExactly(docs + "/BUG_LOG.md", docs + "/PROGRESS_LOG.md");
    ToolReply sec =
        ok(append("message", "leak", "meta", Map.of("security_event", "true", "severity", "high", "area", "auth", "impact", "tokens")));
    assertThat(sec.at("/paths")).extracting(JsonNode::asText)
        .containsExactly(docs + "/PROGRESS_LOG.md", docs + "/SECURITY_LOG.md");
    ToolReply doc =
        ok(append("message", "doc", "log_type", "doc_updates", "meta", Map.of("doc", "d", "section", "s", "action", "a")));
    assertThat(doc.at("/path").asText()).isEqualTo(docs + "/DOC_LOG.md");
    assertThat(doc.at("/paths")).extracting(JsonNode::asText).containsExactly(docs + "/DOC_LOG.md");
    ProjectModeFixture.awaitView(server, "markdown");
    assertThat(ok(c.call("get_project")).at("/project/meta/log_entry_counts/bugs").asInt()).isEqualTo(1);
  }

  @Test
  void b39_a_tee_without_its_meta_is_a_reminder_not_a_write() {
    ToolReply r = ok(append("message", "crash", "status", "bug"));
    assertThat(r.at("/paths")).hasSize(1);
    assertThat(r.at("/reminders/0/message").asText())
        .contains("include required meta keys: severity, component, status");
    assertThat(r.at("/reminders/0/emoji").asText()).isEqualTo("🧠");
    assertThat(server.events(EntryAppended.class).get(0).teeLogTypes()).isEmpty();
  }

  @Test
  void b40_a_direct_write_without_the_required_meta_is_an_error_and_writes_nothing() {
    ToolReply r = append("message", "crash", "log_type", "bugs");
    error(r, "missing_metadata");
    assertThat(r.errorMessage()).isEqualTo("Missing metadata for log entry: severity, component, status");
    assertThat(entries()).isZero();
    assertThat(server.events().toString()).doesNotContain("EmergencyFallback").doesNotContain("Emergency entry");
  }

  @Test
  void b41_bulk_items_keep_list_order_stagger_and_inherit() {
    ToolReply r =
        ok(append(
            "items_list",
            List.of(
                Map.of("message", "b1", "status", "success"),
                Map.of("message", "b2", "meta", Map.of("x", "1")),
                Map.of("message", "b3", "agent", "Z", "timestamp_utc", "2024-05-05 05:05:05 UTC")),
            "meta", Map.of("batch", "A"), "agent", "BulkBot", "timestamp_utc", "2024-01-01 00:00:00 UTC",
            "stagger_seconds", 5));
    assertThat(r.at("/written_count").asInt()).isEqualTo(3);
    assertThat(r.at("/bulk_mode").asBoolean()).isTrue();
    List<EntryAppended> e = server.events(EntryAppended.class);
    assertThat(e).extracting(EntryAppended::timestamp)
        .containsExactly("2024-01-01 00:00:00 UTC", "2024-01-01 00:00:05 UTC", "2024-05-05 05:05:05 UTC");
    assertThat(e).extracting(EntryAppended::agent).containsExactly("BulkBot", "BulkBot", "Z");
    assertThat(r.at("/written_lines")).allSatisfy(l -> assertThat(l.asText()).contains("batch=A"));
    assertThat(r.at("/written_lines/1").asText()).contains("x=1");

    List<Map<String, Object>> twelve = new ArrayList<>();
    for (int i = 1; i <= 12; i++) twelve.add(Map.of("message", "n" + i));
    ToolReply many = ok(append("items_list", twelve));
    assertThat(many.at("/written_count").asInt()).isEqualTo(12);
    assertThat(server.events(EntryAppended.class).subList(3, 15)).extracting(EntryAppended::message)
        .containsExactly("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12");
  }

  @Test
  void b42_items_as_a_json_string_and_invalid_json() {
    ToolReply r = ok(append("items", "[{\"message\":\"j1\"},{\"message\":\"j2\"}]"));
    assertThat(r.at("/written_count").asInt()).isEqualTo(2);
    ToolReply bad = append("items", "not json");
    error(bad, "invalid_argument");
    assertThat(bad.errorMessage()).startsWith("Invalid JSON in items parameter:");
    assertThat(entries()).isEqualTo(2);
  }

  @Test
  void b43_refused_items_are_reported_and_the_rest_written() {
    List<Object> items = new ArrayList<>();
    items.add(Map.of("message", "ok1"));
    items.add(Map.of("nomsg", 1));
    items.add(Map.of("message", ""));
    items.add(Map.of("message", "ok2", "status", "nope"));
    items.add(Map.of("message", "ok3"));
    ToolReply r = ok(append("items_list", items));
    assertThat(r.at("/written_count").asInt()).isEqualTo(2);
    assertThat(r.at("/failed_count").asInt()).isEqualTo(3);
    assertThat(r.at("/warning").asText()).isEqualTo("3 items failed to process");
    assertThat(r.at("/failed_items/1/error").asText()).isEqualTo("Message cannot be empty");
    assertThat(r.at("/failed_items/0/error").asText()).contains("nomsg");
    assertThat(r.at("/failed_items/2/error").asText()).startsWith("Invalid status 'nope'");
    assertThat(server.events(EntryAppended.class)).extracting(EntryAppended::message).containsExactly("ok1", "ok3");
    ToolReply none = append("items_list", List.of(Map.of("message", "")));
    error(none, "invalid_argument");
    assertThat(none.at("/failed_items")).hasSize(1);
    assertThat(entries()).isEqualTo(2);
  }

  @Test
  void b44_identical_entries_get_distinct_ids_and_a_repeated_idempotency_key_writes_nothing() {
    Object[] same = {"message", "same", "agent", "A", "meta", Map.of("k", "v"), "timestamp_utc", "2020-01-01 00:00:00 UTC"};
    ToolReply one = ok(append(same));
    ToolReply two = ok(append(same));
    assertThat(one.at("/written_line")).isEqualTo(two.at("/written_line"));
    assertThat(one.at("/id")).isNotEqualTo(two.at("/id"));
    assertThat(one.at("/content_sha256")).isEqualTo(two.at("/content_sha256"));

    ToolReply first = ok(append("message", "retry me", "idempotency_key", "k-1"));
    ToolReply retry = ok(append("message", "retry me", "idempotency_key", "k-1"));
    assertThat(retry.at("/id")).isEqualTo(first.at("/id"));
    assertThat(retry.at("/written_line")).isEqualTo(first.at("/written_line"));
    assertThat(retry.at("/idempotent_replay").asBoolean()).isTrue();
    assertThat(entries()).isEqualTo(3);
    // The key is per session: another session's same key is its own.
    McpTestClient other = server.client();
    bind(other, "Demo Proj", root);
    ok(other.call("append_entry", args("message", "retry me", "idempotency_key", "k-1")));
    assertThat(entries()).isEqualTo(4);
    ToolReply bulk = ok(append("items_list", List.of(Map.of("message", "b1"), Map.of("message", "b2")), "idempotency_key", "bulk"));
    ToolReply bulkAgain = ok(append("items_list", List.of(Map.of("message", "b1"), Map.of("message", "b2")), "idempotency_key", "bulk"));
    assertThat(bulkAgain.at("/results/1/id")).isEqualTo(bulk.at("/results/1/id"));
    assertThat(entries()).isEqualTo(6);
  }

  @Test
  void b45_timestamps_strict_line_form_with_or_without_utc_iso_and_garbage_refused() {
    assertThat(ok(append("message", "x", "timestamp_utc", "2020-01-01 00:00:00 UTC")).at("/timestamp").asText())
        .isEqualTo("2020-01-01 00:00:00 UTC");
    assertThat(ok(append("message", "x", "timestamp_utc", "2020-01-01 00:00:00")).at("/timestamp").asText())
        .isEqualTo("2020-01-01 00:00:00 UTC");
    assertThat(ok(append("message", "x", "timestamp_utc", "2020-01-01T00:00:00Z")).at("/timestamp").asText())
        .isEqualTo("2020-01-01 00:00:00 UTC");
    ToolReply bad = append("message", "x", "timestamp_utc", "yesterday");
    error(bad, "invalid_argument");
    assertThat(bad.errorMessage())
        .isEqualTo("Unable to parse timestamp 'yesterday'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.");
    assertThat(entries()).isEqualTo(3);
  }

  @Test
  void no_content_is_a_specific_error() {
    ToolReply r = append();
    error(r, "invalid_argument");
    assertThat(r.errorMessage()).isEqualTo("Either 'message', 'items', or 'items_list' must be provided");
    error(append("message", "x", "items_list", List.of(Map.of("message", "y"))), "invalid_argument");
    error(append("message", "x", "status", "succes"), "invalid_argument");
    assertThat(entries()).isZero();
  }

  @Test
  void b47_sixty_concurrent_appends_in_one_session_are_sixty_complete_entries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<ToolReply>> replies = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        int n = i;
        replies.add(pool.submit(() -> c.call("append_entry", args("message", "concurrent " + n, "format", "structured"))));
      }
      Set<String> ids = new HashSet<>();
      for (Future<ToolReply> f : replies) ids.add(ok(f.get()).at("/id").asText());
      assertThat(ids).hasSize(60);
    } finally {
      pool.shutdownNow();
    }
    List<EntryAppended> e = server.events(EntryAppended.class);
    assertThat(e).hasSize(60);
    assertThat(e).extracting(EntryAppended::message).doesNotHaveDuplicates();
    ToolReply read = ok(c.call("read_recent", args("page_size", 100, "format", "structured")));
    assertThat(read.at("/pagination/total_count").asInt()).isEqualTo(60);
    ProjectModeFixture.awaitView(server, "markdown");
    String progress = Files.readString(root.resolve(".scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md"));
    for (int i = 0; i < 60; i++) {
      assertThat(progress).contains("[Project: Demo Proj] concurrent " + i + " | priority=medium; log_type=progress; content_type=log\n");
    }
  }

  @Test
  void b48_four_writers_times_a_hundred_appends_to_one_log_are_four_hundred_complete_lines()
      throws Exception {
    List<McpTestClient> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      McpTestClient wc = server.client();
      bind(wc, "Demo Proj", root);
      writers.add(wc);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        McpTestClient wc = writers.get(w);
        int n = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) ok(wc.call("append_entry", args("message", "w" + n + " #" + i)));
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(entries()).isEqualTo(400);
    ProjectModeFixture.awaitView(server, "markdown");
    List<String> lines =
        Files.readAllLines(root.resolve(".scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md"));
    List<String> entryLines = lines.stream().filter(l -> l.startsWith("[ℹ️] [")).toList();
    assertThat(entryLines).hasSize(400);
    assertThat(entryLines)
        .allSatisfy(l -> assertThat(l).matches(
            "\\[ℹ️\\] \\[2026-03-01 09:00:00 UTC\\] \\[Agent: Scribe\\] \\[Project: Demo Proj\\] w[0-3] #\\d{1,2}"
                + " \\| priority=medium; log_type=progress; content_type=log"));
    assertThat(new HashSet<>(entryLines)).hasSize(400);
  }
}
