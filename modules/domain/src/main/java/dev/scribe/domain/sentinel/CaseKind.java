package dev.scribe.domain.sentinel;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of case: bugs ({@code BUG-…}) and security cases ({@code SEC-…}). */
public enum CaseKind {
  BUG("bug", "BUG"),
  SECURITY("security", "SEC");

  private final String wire;
  private final String prefix;

  CaseKind(String wire, String prefix) {
    this.wire = wire;
    this.prefix = prefix;
  }

  /** {@code bug} or {@code security}: the name in events and streams. */
  public String wire() {
    return wire;
  }

  /** {@code BUG} or {@code SEC}. */
  public String prefix() {
    return prefix;
  }

  /** The event type of an opening in the sentinel files: {@code bug_opened}, {@code security_opened}. */
  public String openedEventType() {
    return wire + "_opened";
  }

  /** {@code bug_fix_linked}, {@code security_fix_linked}. */
  public String fixLinkedEventType() {
    return wire + "_fix_linked";
  }

  /** {@code bug_closed}, {@code security_closed}. */
  public String closedEventType() {
    return wire + "_closed";
  }

  public static Optional<CaseKind> fromWire(String s) {
    for (CaseKind k : values()) if (k.wire.equals(s)) return Optional.of(k);
    return Optional.empty();
  }

  /** The kind a case id names by its prefix, case-insensitively. */
  public static Optional<CaseKind> ofCaseId(String caseId) {
    String up = caseId.toUpperCase(Locale.ROOT);
    for (CaseKind k : values()) if (up.startsWith(k.prefix + "-")) return Optional.of(k);
    return Optional.empty();
  }
}
