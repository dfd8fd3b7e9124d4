package dev.scribe.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.Project;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AppendEntriesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00.750Z");
  private static final Project P = project(Map.of());

  private static Project project(Map<String, String> defaults) {
    return new Project(
        "Demo Proj", "demo_proj", "/r", "/r/.scribe/docs/dev_plans/demo_proj",
        "/r/.scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md", new TreeMap<>(defaults), "Scribe",
        null, List.of(), NOW, NOW, 1);
  }

  private static Supplier<String> ids() {
    AtomicInteger n = new AtomicInteger();
    return () -> "id-" + n.incrementAndGet();
  }

  private static EntryInput in(
      String message, @Nullable String status, Map<String, String> meta, @Nullable String logType) {
    return new EntryInput(message, status, null, null, meta, null, logType, null, null, null, null, false, null);
  }

  private static AppendEntries.Written one(EntryInput in) {
    return AppendEntries.decide(new AppendEntries.Command(List.of(in), false, null, 1), P, NOW, ids())
        .written()
        .get(0);
  }

  private static DomainException refusal(EntryInput in) {
    try {
      one(in);
    } catch (DomainException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void a_single_entry_renders_the_reference_line_and_hashes_it_apart_from_its_id() {
    AppendEntries.Written w =
        one(in("Recorded unit test entry", "info", Map.of("scope", "unit-test"), null));
    assertThat(w.line())
        .isEqualTo(
            "[ℹ️] [2026-03-01 09:00:00 UTC] [Agent: Scribe] [Project: Demo Proj] Recorded unit test"
                + " entry | scope=unit-test; priority=low; log_type=progress; content_type=log");
    EntryAppended e = w.event();
    assertThat(e.entryId()).matches("[0-9a-f]{32}");
    assertThat(e.contentSha256()).matches("[0-9a-f]{64}").isNotEqualTo(e.entryId());
    assertThat(e.timestampMillis()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z").toEpochMilli());
    assertThat(w.path()).isEqualTo(P.progressLog());
    assertThat(w.paths()).containsExactly(P.progressLog());
  }

  @Test
  void identical_content_gets_distinct_ids() {
    AppendEntries.Decision d =
        AppendEntries.decide(
            new AppendEntries.Command(
                List.of(in("same", null, Map.of(), null), in("same", null, Map.of(), null)), true,
                "2020-01-01 00:00:00 UTC", 0),
            P, NOW, ids());
    assertThat(d.written().get(0).line()).isEqualTo(d.written().get(1).line());
    assertThat(d.written().get(0).event().entryId()).isNotEqualTo(d.written().get(1).event().entryId());
    assertThat(AppendEntries.entryId("0123456789abcdef0123456789abcdef"))
        .isEqualTo("0123456789abcdef0123456789abcdef");
  }

  @Test
  void emoji_prefers_explicit_then_status_then_project_default_then_info() {
    EntryInput explicit =
        new EntryInput("x", "success", "🔥", null, Map.of(), null, null, null, null, null, null, false, null);
    assertThat(one(explicit).event().emoji()).isEqualTo("🔥");
    assertThat(one(in("x", "success", Map.of(), null)).event().emoji()).isEqualTo("✅");
    Project withDefault = project(Map.of("emoji", "🛠️"));
    assertThat(
            AppendEntries.decide(
                    new AppendEntries.Command(List.of(in("x", null, Map.of(), null)), false, null, 1),
                    withDefault, NOW, ids())
                .written().get(0).event().emoji())
        .isEqualTo("🛠️");
    assertThat(one(in("x", null, Map.of(), null)).event().emoji()).isEqualTo("ℹ️");
  }

  @Test
  void priority_is_inferred_from_status() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("error", "high");
    expected.put("bug", "high");
    expected.put("warn", "medium");
    expected.put("success", "medium");
    expected.put("plan", "medium");
    expected.put("info", "low");
    expected.forEach(
        (status, priority) ->
            assertThat(one(in("x", status, Map.of(), null)).event().priority())
                .as(status)
                .isEqualTo(priority));
    assertThat(one(in("x", null, Map.of(), null)).event().priority()).isEqualTo("medium");
  }

  @Test
  void lenient_rules_of_b35_apply_and_are_reported() {
    AppendEntries.Written ok =
        one(new EntryInput("x", null, null, null, Map.of(), null, null, "CRITICAL", "decision",
            List.of("a", "b"), 0.5, false, null));
    assertThat(ok.line()).endsWith(
        "| priority=critical; category=decision; tags=[\"a\", \"b\"]; confidence=0.5;"
            + " log_type=progress; content_type=log");
    assertThat(ok.warnings()).isEmpty();
    AppendEntries.Written lenient =
        one(new EntryInput("x", null, null, null, Map.of(), null, null, "urgent", "weird", null,
            7.0, false, null));
    assertThat(lenient.line()).endsWith("| priority=medium; confidence=1.0; log_type=progress; content_type=log");
    assertThat(lenient.warnings()).hasSize(3);
  }

  @Test
  void bad_input_is_refused_with_a_specific_error() {
    assertThat(refusal(in("x", "succes", Map.of(), null)).getMessage())
        .isEqualTo("Invalid status 'succes'. Allowed: info, success, warn, error, bug, plan.");
    assertThat(refusal(in("  ", null, Map.of(), null)).getMessage()).isEqualTo("Message cannot be empty");
    assertThat(
            refusal(new EntryInput("x", null, null, null, Map.of(), "yesterday", null, null, null,
                    null, null, false, null))
                .getMessage())
        .isEqualTo(
            "Unable to parse timestamp 'yesterday'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.");
    DomainException missing = refusal(in("x", null, Map.of(), "bugs"));
    assertThat(missing.code()).isEqualTo("missing_metadata");
    assertThat(missing.getMessage()).isEqualTo("Missing metadata for log entry: severity, component, status");
  }

  @Test
  void timestamps_are_accepted_in_the_line_form_without_suffix_and_iso() {
    for (String ts : List.of("2020-01-01 00:00:00 UTC", "2020-01-01 00:00:00", "2020-01-01T00:00:00Z")) {
      EntryInput i = new EntryInput("x", null, null, null, Map.of(), ts, null, null, null, null, null, false, null);
      assertThat(one(i).event().timestamp()).as(ts).isEqualTo("2020-01-01 00:00:00 UTC");
    }
  }

  @Test
  void messages_are_stored_exactly_and_escaped_only_in_the_line() {
    AppendEntries.Written w = one(in("pipe | value\nnext", null, Map.of(), null));
    assertThat(w.event().message()).isEqualTo("pipe | value\nnext");
    assertThat(w.line()).contains("pipe \\| value\\nnext |");
  }

  @Test
  void bug_and_security_entries_are_teed_when_their_meta_is_complete_else_reminded() {
    AppendEntries.Written bug =
        one(in("crash", "bug", Map.of("severity", "high", "component", "auth", "status", "open"), null));
    assertThat(bug.event().teeLogTypes()).containsExactly("bugs");
    assertThat(bug.paths()).containsExactly(P.docsDir() + "/BUG_LOG.md", P.progressLog());
    assertThat(bug.path()).isEqualTo(P.progressLog());

    AppendEntries.Written sec =
        one(in("leak", null, Map.of("security_event", "true", "severity", "high", "area", "a",
            "impact", "i"), null));
    assertThat(sec.event().teeLogTypes()).containsExactly("security");

    AppendEntries.Written doc =
        one(in("doc", null, Map.of("doc", "d", "section", "s", "action", "a"), "doc_updates"));
    assertThat(doc.event().teeLogTypes()).isEmpty();
    assertThat(doc.path()).isEqualTo(P.docsDir() + "/DOC_LOG.md");

    AppendEntries.Written bare = one(in("crash", "bug", Map.of(), null));
    assertThat(bare.event().teeLogTypes()).isEmpty();
    assertThat(bare.reminders()).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("include required meta keys: severity, component, status"));

    AppendEntries.Written direct =
        one(in("crash", null, Map.of("severity", "high", "component", "auth", "status", "open"), "bugs"));
    assertThat(direct.event().teeLogTypes()).containsExactly("progress");
    assertThat(direct.path()).isEqualTo(P.docsDir() + "/BUG_LOG.md");
  }

  @Test
  void bulk_items_are_staggered_inherit_and_fail_one_by_one() {
    EntryInput parent =
        new EntryInput(null, null, null, "BulkBot", Map.of("batch", "A"), null, null, null, null, null, null, false, null);
    List<EntryInput> items =
        List.of(
            new EntryInput("b1", "success", null, null, Map.of(), null, null, null, null, null, null, false, null),
            new EntryInput("b2", null, null, null, Map.of("x", "1"), null, null, null, null, null, null, false, null),
            new EntryInput("b3", null, null, "Z", Map.of(), "2024-05-05 05:05:05 UTC", null, null, null, null, null, false, null),
            new EntryInput(null, null, null, null, Map.of(), null, null, null, null, null, null, false, null),
            new EntryInput("", null, null, null, Map.of(), null, null, null, null, null, null, false, null));
    AppendEntries.Decision d =
        AppendEntries.decide(
            new AppendEntries.Command(
                items.stream().map(i -> i.inheriting(parent)).toList(), true,
                "2024-01-01 00:00:00 UTC", 5),
            P, NOW, ids());
    assertThat(d.written()).extracting(w -> w.event().timestamp())
        .containsExactly("2024-01-01 00:00:00 UTC", "2024-01-01 00:00:05 UTC", "2024-05-05 05:05:05 UTC");
    assertThat(d.written()).extracting(w -> w.event().agent()).containsExactly("BulkBot", "BulkBot", "Z");
    assertThat(d.written()).allSatisfy(w -> assertThat(w.line()).contains("batch=A"));
    assertThat(d.written().get(1).line()).contains("x=1");
    assertThat(d.failed()).extracting(AppendEntries.Failed::error)
        .containsExactly("Missing required 'message' field", "Message cannot be empty");
  }

  @Test
  void auto_split_parts_detect_status_and_a_leading_emoji() {
    assertThat(AutoSplit.parts("line A\nline B\r\n\n  \nline C", "\n"))
        .containsExactly("line A", "line B", "line C");
    assertThat(AutoSplit.detectStatus("Error: boom")).contains(Status.ERROR);
    assertThat(AutoSplit.detectStatus("tests failed")).contains(Status.ERROR);
    assertThat(AutoSplit.detectStatus("caution, slow")).contains(Status.WARN);
    assertThat(AutoSplit.detectStatus("all done")).contains(Status.SUCCESS);
    assertThat(AutoSplit.detectStatus("nothing here")).isEmpty();
    assertThat(AutoSplit.leadingEmoji("🚀 Deploy")).hasValueSatisfying(
        a -> assertThat(a).containsExactly("🚀", "Deploy"));
    assertThat(AutoSplit.leadingEmoji("⚠️ careful")).hasValueSatisfying(
        a -> assertThat(a[0]).isEqualTo("⚠️"));
    assertThat(AutoSplit.leadingEmoji("plain text")).isEmpty();
    AppendEntries.Written w =
        one(new EntryInput("x", null, null, null, Map.of(), null, null, null, null, null, null, false, null)
            .withMessage("🚀 shipped it, done", true));
    assertThat(w.event().emoji()).isEqualTo("🚀");
    assertThat(w.event().status()).isEqualTo("success");
    assertThat(w.event().message()).isEqualTo("shipped it, done");
  }

  @Test
  void invalid_emoji_and_log_type_names_are_refused_unknown_types_fall_back_to_progress() {
    assertThat(
            refusal(new EntryInput("x", null, "a]b", null, Map.of(), null, null, null, null, null, null, false, null))
                .code())
        .isEqualTo("invalid_argument");
    assertThat(refusal(in("x", null, Map.of(), "no such")).code()).isEqualTo("invalid_argument");
    AppendEntries.Written w = one(in("x", null, Map.of(), "tool_logs"));
    assertThat(w.path()).isEqualTo(P.progressLog());
    assertThat(w.line()).contains("log_type=tool_logs");
    assertThat(w.warnings()).hasSize(1);
    assertThatThrownBy(() -> AppendEntries.claimed("nope")).isInstanceOf(DomainException.class);
  }
}
