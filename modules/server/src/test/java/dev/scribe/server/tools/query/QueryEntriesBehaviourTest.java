package dev.scribe.server.tools.query;

import static dev.scribe.server.tools.query.Entries.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.entry.Status;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * query_entries through a real MCP client, reference §7.5 B55–B65 (INTENDED column). One server;
 * session {@code a} is bound to alpha, which holds m1..m7 (statuses info, success, error, warn,
 * info, info, plan; agents alternate A/B; meta n=i; m_i at 2025-01-0i 12:00 UTC); beta holds two
 * entries.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryEntriesBehaviourTest {
  private static final Status[] STATUSES = {
    Status.INFO, Status.SUCCESS, Status.ERROR, Status.WARN, Status.INFO, Status.INFO, Status.PLAN
  };

  private ScribeTestServer server;
  private McpTestClient a;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    Entries entries = new Entries(server, dir.resolve("repos"));
    a = server.client();
    entries.bind(a, "alpha");
    for (int i = 1; i <= 7; i++) {
      entries.entry("alpha", "m" + i + " " + STATUSES[i - 1].wireName())
          .status(STATUSES[i - 1])
          .agent(i % 2 == 0 ? "B" : "A")
          .at("2025-01-0" + i + "T12:00:00Z")
          .meta("n", String.valueOf(i))
          .append(a);
    }
    entries.register("beta");
    entries.entry("beta", "b1 other project").append(a);
    entries.entry("beta", "b2 other project").status(Status.SUCCESS).append(a);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private ToolReply q(String json) {
    ToolReply r = a.call("query_entries", json);
    assertThat(r.ok()).as("%s -> %s", json, r).isTrue();
    return r;
  }

  private ToolReply error(String json) {
    ToolReply r = a.call("query_entries", json);
    assertThat(r.isError()).as("%s -> %s", json, r).isTrue();
    return r;
  }

  @Test
  void b55_log_order_oldest_first_with_pagination() {
    ToolReply all = q("{}");
    assertThat(messages(all)).containsExactly(
        "m1 info", "m2 success", "m3 error", "m4 warn", "m5 info", "m6 info", "m7 plan");
    assertThat(all.at("/pagination/page").asInt()).isEqualTo(1);
    assertThat(all.at("/pagination/page_size").asInt()).isEqualTo(10);
    assertThat(all.at("/pagination/total_entries").asInt()).isEqualTo(7);
    assertThat(all.at("/pagination/has_next").asBoolean()).isFalse();
    assertThat(all.at("/pagination/has_prev").asBoolean()).isFalse();
    assertThat(all.at("/total_found").asInt()).isEqualTo(7);
    assertThat(all.at("/entries/0/project").asText()).isEqualTo("alpha");
    assertThat(all.at("/entries/0/id").asText()).hasSize(32);

    ToolReply first = q("{\"page_size\":3}");
    assertThat(messages(first)).containsExactly("m1 info", "m2 success", "m3 error");
    assertThat(first.at("/pagination/has_next").asBoolean()).isTrue();

    ToolReply third = q("{\"page_size\":3, \"page\":3}");
    assertThat(messages(third)).containsExactly("m7 plan");
    assertThat(third.at("/pagination/has_next").asBoolean()).isFalse();
    assertThat(third.at("/pagination/has_prev").asBoolean()).isTrue();
  }

  @Test
  void desc_reverses_before_pagination_and_limit_is_the_first_page_size() {
    assertThat(messages(q("{\"order\":\"desc\", \"page_size\":3}")))
        .containsExactly("m7 plan", "m6 info", "m5 info");
    assertThat(messages(q("{\"order\":\"desc\", \"page_size\":3, \"page\":3}")))
        .containsExactly("m1 info");
    assertThat(messages(q("{\"limit\":2}"))).containsExactly("m1 info", "m2 success");
    assertThat(error("{\"limit\":2, \"page\":2}").errorMessage()).contains("limit");
    assertThat(error("{\"order\":\"newest\"}").errorMessage()).contains("'newest'");
    assertThat(error("{\"page_size\":5000}").errorMessage()).contains("5000");
  }

  @Test
  void b56_message_modes_over_the_whole_message() {
    assertThat(messages(q("{\"message\":\"M2\"}"))).containsExactly("m2 success");
    assertThat(messages(q("{\"message\":\"M2\", \"case_sensitive\":true}"))).isEmpty();
    assertThat(messages(q("{\"message\":\"m[13]\", \"message_mode\":\"regex\"}")))
        .containsExactly("m1 info", "m3 error");
    assertThat(messages(q("{\"message\":\"m1 info\", \"message_mode\":\"exact\"}")))
        .containsExactly("m1 info");
    assertThat(messages(q("{\"message\":\"m1\", \"message_mode\":\"exact\"}"))).isEmpty();
    assertThat(messages(q("{\"message\":\"3 ERR\"}"))).as("across a word boundary")
        .containsExactly("m3 error");
  }

  @Test
  void b57_an_invalid_regex_is_an_error_naming_it() {
    ToolReply r = error("{\"message\":\"m[13\", \"message_mode\":\"regex\"}");
    assertThat(r.errorCode()).isEqualTo("invalid_argument");
    assertThat(r.errorMessage()).contains("Invalid regex 'm[13'");
    assertThat(r.at("/ok").asBoolean()).isFalse();
  }

  @Test
  void b58_an_invalid_mode_is_an_error_listing_the_modes() {
    ToolReply r = error("{\"message_mode\":\"fuzzy\", \"message\":\"x\"}");
    assertThat(r.errorCode()).isEqualTo("invalid_argument");
    assertThat(r.errorMessage()).contains("'fuzzy'").contains("substring, regex, exact");
  }

  @Test
  void b59_emoji_agents_and_agent() {
    assertThat(messages(q("{\"emoji\":[\"ℹ️\"]}"))).containsExactly("m1 info", "m5 info", "m6 info");
    assertThat(messages(q("{\"agents\":[\"A\"]}")))
        .containsExactly("m1 info", "m3 error", "m5 info", "m7 plan");
    assertThat(messages(q("{\"agent\":\"B\"}"))).containsExactly("m2 success", "m4 warn", "m6 info");
    assertThat(messages(q("{\"agent\":\"B\", \"agents\":[\"A\"]}"))).hasSize(7);
  }

  @Test
  void b60_status_means_its_emoji() {
    assertThat(messages(q("{\"status\":[\"success\"]}"))).containsExactly("m2 success");
    assertThat(messages(q("{\"status\":\"error,plan\"}"))).containsExactly("m3 error", "m7 plan");
    assertThat(error("{\"status\":[\"succes\"]}").errorMessage()).contains("'succes'");
  }

  @Test
  void b61_meta_filters_exact_and_bad_keys_rejected() {
    assertThat(messages(q("{\"meta_filters\":{\"n\":\"3\"}}"))).containsExactly("m3 error");
    assertThat(messages(q("{\"meta_filters\":\"{\\\"n\\\":\\\"4\\\"}\"}"))).containsExactly("m4 warn");
    assertThat(messages(q("{\"meta_filters\":{\"n\":\"3\", \"priority\":\"high\"}}")))
        .containsExactly("m3 error");
    ToolReply bad = error("{\"meta_filters\":{\"bad key\":\"3\"}}");
    assertThat(bad.errorCode()).isEqualTo("invalid_argument");
    assertThat(bad.errorMessage())
        .startsWith("Meta filter key 'bad key' contains unsupported characters.");
  }

  @Test
  void b62_inclusive_time_range_date_only_end_and_reversed_range() {
    assertThat(messages(q("{\"start\":\"2025-01-03\"}"))).hasSize(5).first().isEqualTo("m3 error");
    assertThat(messages(q("{\"start\":\"2025-01-03T00:00:00Z\", \"end\":\"2025-01-05T00:00:00Z\"}")))
        .containsExactly("m3 error", "m4 warn");
    assertThat(messages(q("{\"start\":\"2025-01-03 12:00:00 UTC\", \"end\":\"2025-01-05\"}")))
        .containsExactly("m3 error", "m4 warn", "m5 info");
    ToolReply reversed = error("{\"start\":\"2025-01-05\", \"end\":\"2025-01-03\"}");
    assertThat(reversed.errorMessage()).contains("Start time must be before end time");
    assertThat(error("{\"start\":\"yesterday\"}").errorMessage())
        .isEqualTo("Unable to parse timestamp 'yesterday'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.");
  }

  @Test
  void b63_priority_category_confidence_sort_and_shape() {
    assertThat(messages(q("{\"priority\":[\"high\"]}"))).containsExactly("m3 error");
    assertThat(messages(q("{\"priority_sort\":true, \"page_size\":3}")))
        .containsExactly("m3 error", "m2 success", "m4 warn");
    ToolReply fields = q("{\"fields\":[\"message\",\"ts\"], \"page_size\":1}");
    assertThat(fields.at("/entries/0").size()).isEqualTo(2);
    assertThat(fields.at("/entries/0/ts").asText()).isEqualTo("2025-01-01 12:00:00 UTC");
    ToolReply compact = q("{\"compact\":true, \"page_size\":1}");
    assertThat(compact.at("/entries/0/m").asText()).isEqualTo("m1 info");
    assertThat(compact.at("/entries/0/i").isTextual()).isTrue();
    assertThat(compact.at("/entries/0/message").isMissingNode()).isTrue();
    ToolReply noMeta = q("{\"include_metadata\":false, \"page_size\":1}");
    assertThat(noMeta.at("/entries/0/meta").isMissingNode()).isTrue();
    assertThat(q("{\"page_size\":1}").at("/entries/0/meta/n").asText()).isEqualTo("1");
    assertThat(error("{\"fields\":[\"nope\"]}").errorMessage()).contains("'nope'");
    assertThat(error("{\"priority\":[\"urgent\"]}").errorMessage()).contains("'urgent'");
  }

  @Test
  void b64_all_projects_returns_both_projects_tagged() {
    ToolReply r = q("{\"search_scope\":\"all_projects\"}");
    assertThat(r.at("/total_found").asInt()).isEqualTo(9);
    assertThat(r.at("/entries/7/project").asText()).isEqualTo("beta");
    assertThat(r.at("/entries/0/project").asText()).isEqualTo("alpha");
    assertThat(messages(q("{\"search_scope\":\"all_projects\", \"status\":[\"success\"]}")))
        .containsExactly("m2 success", "b2 other project");
  }

  @Test
  void b65_an_explicit_project_reads_that_project_never_silently_the_bound_one() {
    ToolReply beta = q("{\"project\":\"beta\"}");
    assertThat(messages(beta)).containsExactly("b1 other project", "b2 other project");
    assertThat(beta.at("/project_name").asText()).isEqualTo("beta");
    assertThat(beta.at("/entries/0/project").asText()).isEqualTo("beta");
    ToolReply missing = error("{\"project\":\"gamma\"}");
    assertThat(missing.errorCode()).isEqualTo("project_not_found");
    assertThat(missing.errorMessage()).isEqualTo("Project 'gamma' not found.");
    assertThat(error("{\"project\":\"beta\", \"search_scope\":\"all_projects\"}").errorCode())
        .isEqualTo("invalid_argument");
  }

  @Test
  void unsupported_scopes_are_errors_naming_the_value() {
    for (String s : List.of("global", "research", "bugs", "all", "sentinel", "everything")) {
      ToolReply r = error("{\"search_scope\":\"" + s + "\"}");
      assertThat(r.errorCode()).isEqualTo("invalid_argument");
      assertThat(r.errorMessage()).contains("'" + s + "'").contains("project, all_projects");
    }
  }

  @Test
  void the_readable_text_lists_the_lines() {
    ToolReply r = q("{\"page_size\":2}");
    assertThat(r.text()).startsWith("7 entries found in project 'alpha' (page 1 of 4, oldest first):")
        .contains("[ℹ️] [2025-01-01 12:00:00 UTC] [Agent: A] [Project: alpha] m1 info | n=1;");
    ToolReply both = q("{\"page_size\":1, \"format\":\"structured\"}");
    assertThat(both.text()).startsWith("{");
  }
}
