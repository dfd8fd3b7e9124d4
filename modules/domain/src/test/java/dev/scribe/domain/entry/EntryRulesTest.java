package dev.scribe.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.events.MetaPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryRulesTest {

  @Test
  void status_maps_to_emoji_and_inferred_priority() {
    assertThat(Status.parse("error")).contains(Status.ERROR);
    assertThat(Status.ERROR.inferredPriority()).isEqualTo(Priority.HIGH);
    assertThat(Status.BUG.inferredPriority()).isEqualTo(Priority.HIGH);
    assertThat(Status.WARN.inferredPriority()).isEqualTo(Priority.MEDIUM);
    assertThat(Status.SUCCESS.inferredPriority()).isEqualTo(Priority.MEDIUM);
    assertThat(Status.PLAN.inferredPriority()).isEqualTo(Priority.MEDIUM);
    assertThat(Status.INFO.inferredPriority()).isEqualTo(Priority.LOW);
    assertThat(Status.PLAN.emoji()).isEqualTo("🧭");
    assertThat(Status.parse("succes")).isEmpty();
    assertThat(Status.allowed()).isEqualTo("info, success, warn, error, bug, plan");
  }

  @Test
  void docs_slugs_follow_the_reference() {
    assertThat(Slugs.docsSlug("IMPLEMENTATION TESTING")).isEqualTo("implementation_testing");
    assertThat(Slugs.docsSlug("demo-x")).isEqualTo("demo_x");
    assertThat(Slugs.docsSlug("Scribe MCP: v2!")).isEqualTo("scribe_mcp__v2");
    assertThat(Slugs.docsSlug("scribe_mcp")).isEqualTo("scribe_mcp");
    assertThat(Slugs.docsSlug("!!!")).isEqualTo("project");
  }

  @Test
  void meta_is_sorted_sanitised_and_followed_by_the_system_keys() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("b key", "value\nline");
    raw.put("a", "1");
    raw.put("priority", "ignored");
    List<MetaPair> pairs =
        EntryMeta.linePairs(
            EntryMeta.userPairs(raw), Priority.CRITICAL, Category.DECISION, List.of("a", "b"), 0.5,
            "progress");
    assertThat(pairs)
        .containsExactly(
            new MetaPair("a", "1"),
            new MetaPair("b_key", "value line"),
            new MetaPair("priority", "critical"),
            new MetaPair("category", "decision"),
            new MetaPair("tags", "[\"a\", \"b\"]"),
            new MetaPair("confidence", "0.5"),
            new MetaPair("log_type", "progress"),
            new MetaPair("content_type", "log"));
    assertThat(EntryMeta.withLogType(pairs, "bugs")).contains(new MetaPair("log_type", "bugs"));
    assertThat(EntryMeta.sanitizeKey("")).isEqualTo("meta_key");
    assertThat(EntryMeta.sanitizeKey("a|b")).isEqualTo("ab");
  }

  @Test
  void key_sanitising_equals_the_rule_written_as_regular_expressions() {
    long seed = new java.util.Random().nextLong();
    java.util.Random rnd = new java.util.Random(seed);
    String alphabet = "ab|= ;\t\n\u000B\f\r_\u00a0\u2003é";
    for (int n = 0; n < 2_000; n++) {
      StringBuilder key = new StringBuilder();
      for (int i = rnd.nextInt(8); i > 0; i--) key.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      String k = key.toString();
      String rule = k.replace("|", "").replaceAll("\\s", "_").replace('=', '_').replace(';', '_');
      assertThat(EntryMeta.sanitizeKey(k))
          .as("seed %d, key '%s'", seed, k)
          .isEqualTo(rule.isEmpty() ? "meta_key" : rule);
    }
  }

  @Test
  void python_style_values_match_the_python_server() {
    assertThat(PythonStyle.metaValue(true)).isEqualTo("True");
    assertThat(PythonStyle.metaValue(null)).isEqualTo("None");
    assertThat(PythonStyle.metaValue(1)).isEqualTo("1");
    assertThat(PythonStyle.metaValue(1.0)).isEqualTo("1.0");
    assertThat(PythonStyle.metaValue(0.0001)).isEqualTo("0.0001");
    assertThat(PythonStyle.metaValue(Map.of("nested", true))).isEqualTo("{\"nested\": true}");
    assertThat(PythonStyle.json(Map.of("b", List.of(1, "x"), "a", "é")))
        .isEqualTo("{\"a\": \"\\u00e9\", \"b\": [1, \"x\"]}");
  }

  @Test
  void agents_are_sanitised_and_default_to_scribe() {
    assertThat(Agents.sanitize("Ag[ent]|x")).isEqualTo("Agentx");
    assertThat(Agents.sanitize(" [] ")).isEqualTo("Scribe");
  }

  @Test
  void claimed_timestamps_accept_the_line_form_and_iso_and_reject_garbage() {
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    assertThat(Timestamps.parseClaimed("2020-01-01 00:00:00 UTC")).contains(t);
    assertThat(Timestamps.parseClaimed("2020-01-01 00:00:00")).contains(t);
    assertThat(Timestamps.parseClaimed("2020-01-01T00:00:00Z")).contains(t);
    assertThat(Timestamps.parseClaimed("2020-01-01T02:00:00+02:00")).contains(t);
    assertThat(Timestamps.parseClaimed("yesterday")).isEmpty();
    assertThat(Timestamps.format(t)).isEqualTo("2020-01-01 00:00:00 UTC");
    assertThat(Timestamps.unparsable("x"))
        .isEqualTo("Unable to parse timestamp 'x'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.");
  }

  @Test
  void date_only_bounds_cover_the_whole_day() {
    assertThat(Timestamps.parseBound("2025-01-03", false))
        .contains(Instant.parse("2025-01-03T00:00:00Z"));
    assertThat(Timestamps.parseBound("2025-01-03", true))
        .contains(Instant.parse("2025-01-03T23:59:59.999999999Z"));
    assertThat(Timestamps.parseBound("2025-01-03 10:15", true))
        .contains(Instant.parse("2025-01-03T10:15:59.999999999Z"));
    assertThat(Timestamps.parseBound("nope", true)).isEmpty();
  }
}
