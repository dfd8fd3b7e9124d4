package dev.scribe.domain.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The closure rule (reference §3.13, INTENDED): a case closes only with a root cause, a linked fix
 * and a fix whose landing status is at least {@code verified}. The refusal names every missing
 * piece, so the agent knows what to do next.
 */
public final class CaseClosure {
  private CaseClosure() {}

  /** One requirement of the rule. */
  public enum Requirement {
    ROOT_CAUSE("a root cause (root_cause must not be blank)"),
    LINKED_FIX("a linked fix (call link_fix first)"),
    VERIFIED_FIX("a fix with landing_status verified (link_fix with landing_status \"verified\")");

    private final String text;

    Requirement(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /**
   * The requirements {@code rootCause} and the case's fixes' landing statuses leave unmet: empty
   * when the case may close.
   */
  public static List<Requirement> missing(String rootCause, List<LandingStatus> fixes) {
    List<Requirement> out = new ArrayList<>();
    if (rootCause.isBlank()) out.add(Requirement.ROOT_CAUSE);
    if (fixes.isEmpty()) {
      out.add(Requirement.LINKED_FIX);
      out.add(Requirement.VERIFIED_FIX);
    } else if (fixes.stream().noneMatch(f -> f.atLeast(LandingStatus.VERIFIED))) {
      out.add(Requirement.VERIFIED_FIX);
    }
    return out;
  }

  /** The refusal text for {@code caseId}, or empty when nothing is missing. */
  public static Optional<String> refusal(String caseId, List<Requirement> missing) {
    if (missing.isEmpty()) return Optional.empty();
    StringBuilder sb = new StringBuilder("Case ").append(caseId).append(" cannot be closed: missing ");
    for (int i = 0; i < missing.size(); i++) {
      if (i > 0) sb.append(i == missing.size() - 1 ? " and " : ", ");
      sb.append(missing.get(i).text());
    }
    return Optional.of(sb.append('.').toString());
  }
}
