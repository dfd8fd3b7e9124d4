package dev.scribe.domain.query;

import static dev.scribe.domain.query.Entries.entry;
import static dev.scribe.domain.query.Entries.hits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryQueryTest {
  private static final EntryScope ALPHA = EntryScope.project("alpha");

  private static List<String> messages(EntryPage page) {
    List<String> out = new ArrayList<>();
    for (EntryHit h : page.entries()) out.add(h.entry().message());
    return out;
  }

  private static List<EntryHit> sevenMessages() {
    Status[] st = {Status.INFO, Status.SUCCESS, Status.ERROR, Status.WARN, Status.INFO, Status.INFO, Status.PLAN};
    List<EntryAppended> es = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      es.add(entry("alpha", "m" + i + " " + st[i - 1].wireName(), "2025-01-0" + i + "T12:00:00Z",
          st[i - 1], i % 2 == 0 ? "B" : "A", List.of(new MetaPair("n", String.valueOf(i)))));
    }
    return hits(es);
  }

  @Test
  void pages_follow_log_order_and_desc_reverses_before_pagination() {
    List<EntryHit> log = sevenMessages();
    EntryPage all = EntryQueries.page(log, EntryQuery.builder(ALPHA).build());
    assertThat(messages(all)).hasSize(7).first().isEqualTo("m1 info");
    assertThat(all.total()).isEqualTo(7);
    assertThat(all.hasNext()).isFalse();
    assertThat(all.hasPrev()).isFalse();

    EntryPage p1 = EntryQueries.page(log, EntryQuery.builder(ALPHA).pageSize(3).build());
    assertThat(messages(p1)).containsExactly("m1 info", "m2 success", "m3 error");
    assertThat(p1.hasNext()).isTrue();

    EntryPage p3 = EntryQueries.page(log, EntryQuery.builder(ALPHA).pageSize(3).page(3).build());
    assertThat(messages(p3)).containsExactly("m7 plan");
    assertThat(p3.hasNext()).isFalse();
    assertThat(p3.hasPrev()).isTrue();

    EntryPage desc =
        EntryQueries.page(log, EntryQuery.builder(ALPHA).order(SortOrder.DESC).pageSize(3).page(2).build());
    assertThat(messages(desc)).containsExactly("m4 warn", "m3 error", "m2 success");

    EntryPage beyond = EntryQueries.page(log, EntryQuery.builder(ALPHA).pageSize(3).page(9).build());
    assertThat(beyond.entries()).isEmpty();
    assertThat(beyond.total()).isEqualTo(7);
    assertThat(beyond.hasNext()).isFalse();
    assertThat(beyond.hasPrev()).isTrue();
  }

  @Test
  void filters_apply_before_pagination() {
    EntryPage p =
        EntryQueries.page(sevenMessages(), EntryQuery.builder(ALPHA).agents(Set.of("A")).pageSize(2).page(2).build());
    assertThat(messages(p)).containsExactly("m5 info", "m7 plan");
    assertThat(p.total()).isEqualTo(4);
  }

  @Test
  void message_modes_match_the_whole_message() {
    List<EntryHit> log = sevenMessages();
    assertThat(messages(EntryQueries.page(log, q(QueryArgs.message("M2", null, false)))))
        .containsExactly("m2 success");
    assertThat(messages(EntryQueries.page(log, q(QueryArgs.message("M2", null, true))))).isEmpty();
    assertThat(messages(EntryQueries.page(log, q(QueryArgs.message("m[13]", "regex", false)))))
        .containsExactly("m1 info", "m3 error");
    assertThat(messages(EntryQueries.page(log, q(QueryArgs.message("m1 info", "exact", false)))))
        .containsExactly("m1 info");
    assertThat(messages(EntryQueries.page(log, q(QueryArgs.message("m1", "exact", false))))).isEmpty();
    assertThat(MessageMatch.of("a\nb", MessageMode.SUBSTRING, true).test("x a\nb y")).isTrue();
    assertThat(MessageMatch.of("^b", MessageMode.REGEX, true).test("a\nb")).as("no MULTILINE").isFalse();
    assertThat(MessageMatch.of("ΣΑ", MessageMode.SUBSTRING, false).test("ΟΔΟΣΑΣ")).isTrue();
    assertThat(MessageMatch.of("s", MessageMode.SUBSTRING, false).test("ſ"))
        .as("fold agrees with Pattern's UNICODE_CASE").isTrue();
  }

  private static EntryQuery q(MessageMatch m) {
    return EntryQuery.builder(ALPHA).message(m).build();
  }

  @Test
  void invalid_regex_mode_and_empty_message() {
    assertThatThrownBy(() -> QueryArgs.message("m[13", "regex", false))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("Invalid regex 'm[13'");
    assertThatThrownBy(() -> QueryArgs.message("x", "fuzzy", false))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'fuzzy'")
        .hasMessageContaining("substring, regex, exact");
    assertThat(QueryArgs.message("", "exact", false)).isNull();
    assertThatThrownBy(() -> QueryArgs.message("\uD83D", null, false))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("surrogate");
    assertThat(QueryArgs.message("\uD83D\uDC1E", null, false)).isNotNull();
    assertThatThrownBy(() -> QueryArgs.message("", "fuzzy", false)).as("mode checked anyway")
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void status_means_its_emoji_and_unions_with_emoji() {
    List<EntryHit> log = sevenMessages();
    EntryPage success =
        EntryQueries.page(log, EntryQuery.builder(ALPHA).statuses(QueryArgs.statuses(List.of("success"))).build());
    assertThat(messages(success)).containsExactly("m2 success");
    EntryPage both = EntryQueries.page(
        log, EntryQuery.builder(ALPHA).statuses(Set.of(Status.ERROR)).emojis(Set.of("🧭")).build());
    assertThat(messages(both)).containsExactly("m3 error", "m7 plan");
    assertThatThrownBy(() -> QueryArgs.statuses(List.of("succes")))
        .hasMessageContaining("'succes'").hasMessageContaining("info, success");
  }

  @Test
  void meta_filters_are_exact_and_keys_are_checked() {
    EntryPage p = EntryQueries.page(sevenMessages(), EntryQuery.builder(ALPHA).meta("n", "3").build());
    assertThat(messages(p)).containsExactly("m3 error");
    assertThat(EntryQueries.page(sevenMessages(), EntryQuery.builder(ALPHA).meta("n", "3 ").build()).total())
        .isZero();
    assertThatThrownBy(() -> QueryArgs.metaKey("bad key"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageStartingWith("Meta filter key 'bad key' contains unsupported characters.");
    assertThatThrownBy(() -> EntryQuery.builder(ALPHA).meta("a=b", "1").build())
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void time_bounds_are_inclusive_and_date_only_end_means_end_of_day() {
    List<EntryHit> log = sevenMessages(); // m<i> at 2025-01-0<i> 12:00
    EntryQuery from3 = EntryQuery.builder(ALPHA).start(QueryArgs.bound("start", "2025-01-03", false)).build();
    assertThat(EntryQueries.page(log, from3).total()).isEqualTo(5);
    EntryQuery range = EntryQuery.builder(ALPHA)
        .start(QueryArgs.bound("start", "2025-01-03T12:00:00Z", false))
        .end(QueryArgs.bound("end", "2025-01-05", true)).build();
    assertThat(messages(EntryQueries.page(log, range))).containsExactly("m3 error", "m4 warn", "m5 info");
    EntryQuery exact = EntryQuery.builder(ALPHA)
        .start(QueryArgs.bound("start", "2025-01-04 12:00:00 UTC", false))
        .end(QueryArgs.bound("end", "2025-01-04 12:00:00", true)).build();
    assertThat(messages(EntryQueries.page(log, exact))).containsExactly("m4 warn");
    assertThatThrownBy(() -> QueryArgs.bound("start", "yesterday", false))
        .hasMessage("Unable to parse timestamp 'yesterday'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.");
    assertThatThrownBy(() -> QueryArgs.requireOrdered(
            "2025-01-05", QueryArgs.bound("start", "2025-01-05", false),
            "2025-01-03", QueryArgs.bound("end", "2025-01-03", true)))
        .hasMessageContaining("Start time must be before end time")
        .hasMessageContaining("'2025-01-05'");
  }

  @Test
  void priority_category_and_confidence() {
    List<EntryHit> log = hits(List.of(
        entry("alpha", "a", "2025-01-01T00:00:00Z", Status.ERROR, "A", List.of(), "high", "bug", 0.9),
        entry("alpha", "b", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "low", null, null),
        entry("alpha", "c", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "critical", "test", 0.5),
        entry("beta", "d", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "high", "bug", 0.7)));
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(ALPHA)
        .priorities(QueryArgs.priorities(List.of("CRITICAL", "high"))).build()))).containsExactly("a", "c");
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(ALPHA)
        .categories(Set.of(Category.BUG)).build()))).containsExactly("a");
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(ALPHA).minConfidence(0.6).build())))
        .containsExactly("a");
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(EntryScope.allProjects())
        .priorities(Set.of(Priority.HIGH)).build()))).containsExactly("a", "d");
    assertThatThrownBy(() -> QueryArgs.minConfidence(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> QueryArgs.categories(List.of("nope"))).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> QueryArgs.pageSize("page_size", 0, 1000)).hasMessageContaining("page_size 0");
  }

  @Test
  void priority_sort_groups_by_priority_then_keeps_the_order() {
    List<EntryHit> log = hits(List.of(
        entry("alpha", "a", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "low", null, null),
        entry("alpha", "b", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "high", null, null),
        entry("alpha", "c", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "weird", null, null),
        entry("alpha", "d", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "high", null, null),
        entry("alpha", "e", "2025-01-01T00:00:00Z", Status.INFO, "A", List.of(), "critical", null, null)));
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(ALPHA).prioritySort(true).build())))
        .containsExactly("e", "b", "d", "c", "a");
    assertThat(messages(EntryQueries.page(log, EntryQuery.builder(ALPHA).prioritySort(true)
        .order(SortOrder.DESC).build()))).containsExactly("e", "d", "b", "c", "a");
  }

  @Test
  void agent_is_merged_into_agents() {
    assertThat(QueryArgs.agents("B", List.of("A", "B"))).containsExactly("A", "B");
    EntryPage p = EntryQueries.page(
        sevenMessages(), EntryQuery.builder(ALPHA).agents(QueryArgs.agents("B", List.of())).build());
    assertThat(messages(p)).containsExactly("m2 success", "m4 warn", "m6 info");
  }
}
