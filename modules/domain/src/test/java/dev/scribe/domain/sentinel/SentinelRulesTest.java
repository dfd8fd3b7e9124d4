package dev.scribe.domain.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.sentinel.CaseClosure.Requirement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelRulesTest {

  @Test
  void sentinelModeAllowsExactlyTheListedTools() {
    for (String t : Modes.SENTINEL_ALLOWED) {
      assertThat(Modes.decide(Modes.SENTINEL, t)).isEqualTo(Modes.Verdict.ALLOWED);
    }
    for (String t : List.of("rotate_log", "read_recent", "append_entry", "set_project", "health_check", "future_tool")) {
      assertThat(Modes.decide(Modes.SENTINEL, t)).as(t).isEqualTo(Modes.Verdict.REFUSED_IN_SENTINEL);
    }
  }

  @Test
  void projectModeRefusesSentinelOnlyTools() {
    for (String t : Modes.SENTINEL_ONLY) {
      assertThat(Modes.decide(Modes.PROJECT, t)).isEqualTo(Modes.Verdict.REFUSED_IN_PROJECT);
    }
    for (String t : List.of("read_file", "query_entries", "set_mode", "set_project", "health_check")) {
      assertThat(Modes.decide(Modes.PROJECT, t)).isEqualTo(Modes.Verdict.ALLOWED);
    }
    assertThat(Modes.refusal("sentinel", "rotate_log"))
        .isEqualTo("Tool 'rotate_log' is not allowed in sentinel mode");
  }

  @Test
  void caseIdsAreNumberedFromTheStreamVersion() {
    assertThat(CaseIds.format(CaseKind.BUG, "2026-03-01", CaseIds.numberAfter(0)))
        .isEqualTo("BUG-2026-03-01-0001");
    assertThat(CaseIds.format(CaseKind.SECURITY, "2026-03-01", 12345)).isEqualTo("SEC-2026-03-01-12345");
    assertThat(CaseIds.parse("SEC-2026-03-01-0042"))
        .contains(new CaseIds.Parsed(CaseKind.SECURITY, "2026-03-01", 42));
    assertThat(CaseIds.parse("X-1")).isEmpty();
    assertThat(CaseKind.ofCaseId("bug-2026-03-01-0001")).contains(CaseKind.BUG);
    assertThat(CaseKind.ofCaseId("X-1")).isEmpty();
  }

  @Test
  void closureNamesEveryMissingRequirement() {
    assertThat(CaseClosure.missing("", List.of()))
        .containsExactly(Requirement.ROOT_CAUSE, Requirement.LINKED_FIX, Requirement.VERIFIED_FIX);
    assertThat(CaseClosure.missing("race", List.of(LandingStatus.PROPOSED, LandingStatus.LANDED)))
        .containsExactly(Requirement.VERIFIED_FIX);
    assertThat(CaseClosure.missing(" ", List.of(LandingStatus.VERIFIED)))
        .containsExactly(Requirement.ROOT_CAUSE);
    assertThat(CaseClosure.missing("race", List.of(LandingStatus.LANDED, LandingStatus.VERIFIED))).isEmpty();
    assertThat(CaseClosure.refusal("BUG-1", List.of(Requirement.ROOT_CAUSE, Requirement.VERIFIED_FIX)).orElseThrow())
        .startsWith("Case BUG-1 cannot be closed: missing a root cause")
        .contains(" and a fix with landing_status verified");
  }

  @Test
  void autoSplitDropsBlankParts() {
    assertThat(MessageSplit.split("a\nb", true, "\n")).containsExactly("a", "b");
    assertThat(MessageSplit.split("a\r\n\n b |x", true, "\n")).containsExactly("a", " b |x");
    assertThat(MessageSplit.split("a\nb", false, "\n")).containsExactly("a\nb");
    assertThat(MessageSplit.split("a;;b", true, ";")).containsExactly("a", "b");
  }

  @Test
  void repoIdIsSha256OfThePathAndTheDayIsUtc() {
    assertThat(RepoIds.of("/r")).hasSize(64).isEqualTo(RepoIds.sha256Hex("/r"));
    assertThat(RepoIds.day(Instant.parse("2026-03-01T23:59:59Z"))).isEqualTo("2026-03-01");
    assertThat(CaseStreams.of("abc", "BUG-2026-03-01-0001")).isEqualTo("case-abc-BUG-2026-03-01-0001");
  }
}
