package dev.scribe.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.events.MetaPair;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkdownLineTest {

  @Test
  void renders_the_reference_example_byte_for_byte() {
    MarkdownLine line =
        new MarkdownLine(
            "ℹ️",
            "2026-11-24 16:32:20 UTC",
            "CoderA",
            "Demo Proj",
            null,
            "First entry",
            List.of(
                new MetaPair("b", "2"),
                new MetaPair("k", "v"),
                new MetaPair("priority", "low"),
                new MetaPair("log_type", "progress"),
                new MetaPair("content_type", "log")));
    assertThat(line.render())
        .isEqualTo(
            "[ℹ️] [2026-11-24 16:32:20 UTC] [Agent: CoderA] [Project: Demo Proj] First entry"
                + " | b=2; k=v; priority=low; log_type=progress; content_type=log");
  }

  @Test
  void a_line_without_meta_has_no_separator() {
    MarkdownLine line =
        new MarkdownLine("✅", "2026-01-01 00:00:00 UTC", "A", "P", null, "done", List.of());
    assertThat(line.render()).isEqualTo("[✅] [2026-01-01 00:00:00 UTC] [Agent: A] [Project: P] done");
    assertThat(MarkdownLine.parse(line.render())).contains(line);
  }

  @Test
  void parses_real_lines_and_renders_them_back_unchanged() {
    String[] lines = {
      "[ℹ️] [2026-01-03 02:17:19 UTC] [Agent: Codex] [Project: scribe_mcp] Checked context."
          + " reasoning=[why: need context; what: constraints are X; how: called get_project]"
          + " | action=context_check; project=scribe_mcp; log_type=progress; content_type=log",
      "[ℹ️] [2026-01-02T10:00:02.130724+00:00] [Agent: 2e4e9cb6] [Project: scribe_mcp] read_file"
          + " | execution_id=bd5e; session_id=8972; agent_sub_id=None; chunk_index=[0]",
      "[✅] [2026-01-03 01:36:53 UTC] [Agent: Orchestrator] [Project: scribe_mcp] Phase 1"
          + " | milestone=verified; reasoning={\"how\": \"a; b\", \"what\": \"x=1\"};"
          + " log_type=progress; content_type=log",
      "[🧭] [2026-01-01 00:00:00 UTC] [Agent: A] [Project: P] [ID: abc123] with id | k=v"
    };
    for (String raw : lines) {
      MarkdownLine parsed = MarkdownLine.parse(raw).orElseThrow();
      assertThat(parsed.render()).as(raw).isEqualTo(raw);
    }
    MarkdownLine first = MarkdownLine.parse(lines[0]).orElseThrow();
    assertThat(first.message()).endsWith("called get_project]");
    assertThat(first.meta()).extracting(MetaPair::key)
        .containsExactly("action", "project", "log_type", "content_type");
    MarkdownLine third = MarkdownLine.parse(lines[2]).orElseThrow();
    assertThat(third.meta().get(1).value()).isEqualTo("{\"how\": \"a; b\", \"what\": \"x=1\"}");
    assertThat(MarkdownLine.parse(lines[3]).orElseThrow().entryId()).isEqualTo("abc123");
  }

  @Test
  void lines_outside_the_grammar_do_not_parse() {
    assertThat(MarkdownLine.parse("# 📜 Progress Log")).isEmpty();
    assertThat(MarkdownLine.parse("[ℹ️] [ts] [Agent: A] missing project")).isEmpty();
    assertThat(MarkdownLine.parse("")).isEmpty();
  }

  @Test
  void messages_with_newlines_and_pipes_stay_on_one_line_and_round_trip() {
    String message = "pipe | value\nsecond line\r\nC:\\path\\new \\| end\\";
    MarkdownLine line =
        new MarkdownLine("ℹ️", "2026-01-01 00:00:00 UTC", "A", "P", null, message,
            List.of(new MetaPair("k", "v")));
    String rendered = line.render();
    assertThat(rendered).doesNotContain("\n").doesNotContain("\r").doesNotContain(" | value");
    MarkdownLine parsed = MarkdownLine.parse(rendered).orElseThrow();
    assertThat(MarkdownLine.unescapeMessage(parsed.message())).isEqualTo(message);
    assertThat(parsed.meta()).containsExactly(new MetaPair("k", "v"));
  }

  @Test
  void ordinary_backslashes_render_unchanged() {
    assertThat(MarkdownLine.escapeMessage("C:\\path\\to")).isEqualTo("C:\\path\\to");
  }

  @Test
  void escaping_round_trips_random_messages() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    char[] alphabet = {'a', 'n', 'r', '|', '\\', '\n', '\r', ' ', 'é', '='};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(12);
      for (int j = 0; j < len; j++) b.append(alphabet[random.nextInt(alphabet.length)]);
      String m = b.toString();
      String escaped = MarkdownLine.escapeMessage(m);
      assertThat(escaped).as("seed %d, message %s", seed, m).doesNotContain("\n", "\r");
      assertThat(MarkdownLine.unescapeMessage(escaped)).as("seed %d, message [%s]", seed, m)
          .isEqualTo(m);
    }
  }
}
