package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.error;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** read_recent through the MCP layer: reference B49–B53, order, filters before pagination. */
@Timeout(300)
class ReadRecentBehaviourTest {
  @TempDir Path dir;
  private ScribeTestServer server;
  private McpTestClient c;

  @BeforeEach
  void start() {
    server = ProjectModeFixture.server(dir);
    c = server.client();
    bind(c, "p", dir.resolve("repo"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** m01..m25 with increasing claimed times; statuses cycle info, success, error, warn, bug. */
  private void twentyFive() {
    String[] statuses = {"info", "success", "error", "warn", "plan"};
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      items.add(
          Map.of("message", String.format("m%02d", i), "status", statuses[(i - 1) % 5],
              "agent", i % 2 == 0 ? "A" : "B", "confidence", (i % 10) / 10.0,
              "category", i % 3 == 0 ? "bug" : "test"));
    }
    ok(c.call("append_entry", args("items_list", items, "timestamp_utc", "2026-01-01 00:00:00 UTC")));
  }

  private static List<String> messages(ToolReply r) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : r.at("/entries")) out.add(e.has("message") ? e.get("message").asText() : e.path("m").asText());
    return out;
  }

  private ToolReply read(Object... kv) {
    Map<String, Object> a = args(kv);
    a.putIfAbsent("format", "structured");
    return ok(c.call("read_recent", a));
  }

  @Test
  void b49_the_ten_newest_newest_first_in_every_format() {
    twentyFive();
    List<String> expected = List.of("m25", "m24", "m23", "m22", "m21", "m20", "m19", "m18", "m17", "m16");
    assertThat(messages(read())).containsExactlyElementsOf(expected);
    ToolReply readable = ok(c.call("read_recent"));
    assertThat(messages(readable)).containsExactlyElementsOf(expected);
    String text = readable.text();
    assertThat(text.indexOf("] m25 |")).isPositive().isLessThan(text.indexOf("] m16 |"));
    assertThat(text).doesNotContain("] m15 |");
  }

  @Test
  void b50_pages_count_from_the_newest() {
    twentyFive();
    ToolReply r = read("page_size", 3, "page", 2);
    assertThat(messages(r)).containsExactly("m22", "m21", "m20");
    JsonNode p = r.at("/pagination");
    assertThat(p.path("page").asInt()).isEqualTo(2);
    assertThat(p.path("page_size").asInt()).isEqualTo(3);
    assertThat(p.path("total_count").asInt()).isEqualTo(25);
    assertThat(p.path("has_next").asBoolean()).isTrue();
    assertThat(p.path("has_prev").asBoolean()).isTrue();
    ToolReply last = read("page_size", 10, "page", 3);
    assertThat(messages(last)).containsExactly("m05", "m04", "m03", "m02", "m01");
    assertThat(last.at("/pagination/has_next").asBoolean()).isFalse();
  }

  @Test
  void b51_n_and_limit_are_the_page_size() {
    twentyFive();
    assertThat(messages(read("n", 5))).containsExactly("m25", "m24", "m23", "m22", "m21");
    assertThat(messages(read("limit", 5))).containsExactly("m25", "m24", "m23", "m22", "m21");
    error(c.call("read_recent", args("n", 5, "page_size", 7)), "invalid_argument");
    error(c.call("read_recent", args("n", 500)), "invalid_argument");
  }

  @Test
  void b52_filters_apply_before_pagination() {
    twentyFive();
    ToolReply agent = read("filter", Map.of("agent", "A"), "page_size", 3);
    assertThat(messages(agent)).containsExactly("m24", "m22", "m20");
    assertThat(agent.at("/pagination/total_count").asInt()).isEqualTo(12);
    assertThat(messages(read("filter", Map.of("status", "info"))))
        .containsExactly("m21", "m16", "m11", "m06", "m01");
    assertThat(messages(read("filter", Map.of("emoji", "⚠️")))).containsExactly("m24", "m19", "m14", "m09", "m04");
    assertThat(messages(read("priority", List.of("critical", "high"))))
        .containsExactly("m23", "m18", "m13", "m08", "m03");
    assertThat(read("category", List.of("bug")).at("/pagination/total_count").asInt()).isEqualTo(8);
    assertThat(messages(read("min_confidence", 0.8, "page_size", 50)))
        .containsExactly("m19", "m18", "m09", "m08");
    ToolReply combined = read("filter", Map.of("agent", "B"), "priority", "high", "page_size", 2, "page", 2);
    assertThat(messages(combined)).containsExactly("m03");
    assertThat(combined.at("/pagination/total_count").asInt()).isEqualTo(3);
    assertThat(messages(read("priority_sort", true, "page_size", 6)))
        .containsExactly("m23", "m18", "m13", "m08", "m03", "m25");
    error(c.call("read_recent", args("filter", Map.of("status", "nope"))), "invalid_argument");
    error(c.call("read_recent", args("min_confidence", 2)), "invalid_argument");
  }

  @Test
  void b53_structured_compact_fields_and_include_metadata() {
    twentyFive();
    ToolReply s = read();
    JsonNode lm = s.at("/limit_metadata");
    assertThat(lm.path("total_available").asInt()).isEqualTo(25);
    assertThat(lm.path("filtered_count").asInt()).isEqualTo(25);
    assertThat(lm.path("returned_count").asInt()).isEqualTo(10);
    assertThat(lm.path("entries_omitted").asInt()).isEqualTo(15);
    assertThat(lm.path("mode").asText()).isEqualTo("structured");
    assertThat(lm.path("limit_applied").asInt()).isEqualTo(10);
    assertThat(s.at("/entries/0/raw_line").asText()).contains("] m25 |");
    assertThat(s.at("/entries/0/id").asText()).matches("[0-9a-f]{32}");

    ToolReply compact = read("compact", true);
    JsonNode e = compact.at("/entries/0");
    assertThat(e.has("i") && e.has("m") && e.has("e") && e.has("a") && e.has("t")).isTrue();
    assertThat(e.has("message")).isFalse();
    ToolReply fields = read("fields", List.of("message", "agent"));
    List<String> keys = new ArrayList<>();
    fields.at("/entries/0").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("message", "agent");
    ToolReply noMeta = read("include_metadata", false);
    assertThat(noMeta.at("/entries/0").has("meta")).isFalse();
    assertThat(s.at("/entries/0").has("meta")).isTrue();
    error(c.call("read_recent", args("fields", List.of("secret"))), "invalid_argument");
  }

  @Test
  void order_asc_is_the_whole_log_oldest_first_and_claimed_times_never_reorder() {
    twentyFive();
    ok(c.call("append_entry", args("message", "backdated", "timestamp_utc", "2000-01-01 00:00:00 UTC")));
    assertThat(messages(read("page_size", 2))).containsExactly("backdated", "m25");
    assertThat(messages(read("order", "asc", "page_size", 3))).containsExactly("m01", "m02", "m03");
    assertThat(messages(read("order", "asc", "page_size", 3, "page", 9))).containsExactly("m25", "backdated");
  }

  @Test
  void an_entry_appended_in_this_session_is_visible_to_the_next_call_always() {
    for (int i = 0; i < 40; i++) {
      ok(c.call("append_entry", args("message", "ryw " + i)));
      assertThat(messages(read("n", 1))).as("after append %d", i).containsExactly("ryw " + i);
    }
  }

  @Test
  void pages_beyond_the_in_memory_window_are_answered_exactly() {
    int total = 4200; // more than the recent-entries window (4096)
    for (int start = 0; start < total; start += 200) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = start; i < start + 200; i++) items.add(Map.of("message", String.format("w%05d", i)));
      ok(c.call("append_entry", args("items_list", items, "stagger_seconds", 0)));
    }
    ToolReply oldest = read("order", "asc", "page_size", 3);
    assertThat(messages(oldest)).containsExactly("w00000", "w00001", "w00002");
    assertThat(oldest.at("/pagination/total_count").asInt()).isEqualTo(total);
    ToolReply deep = read("page_size", 100, "page", 42);
    assertThat(messages(deep)).hasSize(100).startsWith("w00099").endsWith("w00000");
    assertThat(deep.at("/limit_metadata/source").asText()).isEqualTo("search");
    ToolReply filtered = read("filter", Map.of("agent", "Scribe"), "page_size", 1, "page", 4200);
    assertThat(messages(filtered)).containsExactly("w00000");
    ToolReply newest = read("page_size", 2);
    assertThat(messages(newest)).containsExactly("w04199", "w04198");
    assertThat(newest.at("/limit_metadata/source").asText()).isEqualTo("memory");
  }
}
