package dev.scribe.domain.sentinel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case ids {@code BUG-yyyy-MM-dd-NNNN} / {@code SEC-yyyy-MM-dd-NNNN}. The number is allocated from
 * the per-(repository, kind, day) case-number stream: an opening appends to it expecting the
 * version it read, and its number is that version + 1, so two concurrent openings can never get
 * the same number and the numbers of a day have no gaps.
 */
public final class CaseIds {
  private static final Pattern ID = Pattern.compile("(BUG|SEC)-(\\d{4}-\\d{2}-\\d{2})-(\\d{4,})");

  /** The reference's error text for an id that names no kind. */
  public static final String BAD_PREFIX = "case_id must start with BUG- or SEC-";

  private CaseIds() {}

  /** A parsed case id. */
  public record Parsed(CaseKind kind, String day, long number) {}

  /** The id of case {@code number} (≥ 1) of {@code kind} on {@code day}. */
  public static String format(CaseKind kind, String day, long number) {
    if (number < 1) throw new IllegalArgumentException("case numbers start at 1: " + number);
    return kind.prefix() + "-" + day + "-" + String.format("%04d", number);
  }

  /** The number an opening gets when it read the case-number stream at {@code streamVersion}. */
  public static long numberAfter(long streamVersion) {
    return streamVersion + 1;
  }

  /** The parts of a well-formed id (upper-case prefix), if it is one. */
  public static Optional<Parsed> parse(String caseId) {
    Matcher m = ID.matcher(caseId);
    if (!m.matches()) return Optional.empty();
    CaseKind kind = "BUG".equals(m.group(1)) ? CaseKind.BUG : CaseKind.SECURITY;
    return Optional.of(new Parsed(kind, m.group(2), Long.parseLong(m.group(3))));
  }
}
