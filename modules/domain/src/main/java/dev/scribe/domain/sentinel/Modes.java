package dev.scribe.domain.sentinel;

import java.util.List;
import java.util.Set;

/**
 * Mode exclusivity (issue 5, docs/tools-design.md §4): what each mode lets a session call. The
 * sentinel list is exhaustive — every other tool, present or future, is refused in sentinel mode
 * (and the refusal is itself logged); the sentinel-only tools are refused in project mode.
 */
public final class Modes {
  public static final String PROJECT = "project";
  public static final String SENTINEL = "sentinel";

  /** Tools a sentinel session may call: exactly these. */
  public static final List<String> SENTINEL_ALLOWED =
      List.of(
          "append_event",
          "open_bug",
          "open_security",
          "link_fix",
          "close_case",
          "list_cases",
          "read_file",
          "query_entries",
          "set_mode");

  /** Tools that only make sense in sentinel mode: refused in project mode (no event). */
  public static final List<String> SENTINEL_ONLY =
      List.of("append_event", "open_bug", "open_security", "link_fix", "close_case", "list_cases");

  /** The scope-violation reason of a tool refused in sentinel mode (the reference's wording). */
  public static final String NOT_ALLOWED_IN_SENTINEL = "tool_not_allowed_in_sentinel_mode";

  private static final Set<String> SENTINEL_ALLOWED_SET = Set.copyOf(SENTINEL_ALLOWED);
  private static final Set<String> SENTINEL_ONLY_SET = Set.copyOf(SENTINEL_ONLY);

  private Modes() {}

  /** What the gate decides for one call. */
  public enum Verdict {
    ALLOWED,
    /** Refused, and a {@code scope_violation} is appended to the repository's sentinel log. */
    REFUSED_IN_SENTINEL,
    /** Refused; nothing is logged (project mode has no sentinel log to write to). */
    REFUSED_IN_PROJECT
  }

  /** The gate's decision for {@code tool} called by a session in {@code mode}. */
  public static Verdict decide(String mode, String tool) {
    if (SENTINEL.equals(mode)) {
      return SENTINEL_ALLOWED_SET.contains(tool) ? Verdict.ALLOWED : Verdict.REFUSED_IN_SENTINEL;
    }
    return SENTINEL_ONLY_SET.contains(tool) ? Verdict.REFUSED_IN_PROJECT : Verdict.ALLOWED;
  }

  /** The exact error text of a refusal. */
  public static String refusal(String mode, String tool) {
    return "Tool '" + tool + "' is not allowed in " + mode + " mode";
  }
}
