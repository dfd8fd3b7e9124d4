package dev.scribe.domain.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Claimed entry times and query bounds. The line format is {@code yyyy-MM-dd HH:mm:ss UTC};
 * callers may also give it without " UTC", or any ISO-8601 instant or offset date-time. Anything
 * else is an error, never silently replaced by "now".
 */
public final class Timestamps {
  /** The entry line's time format. */
  public static final DateTimeFormatter LINE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final Pattern LINE_FORM =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}( UTC)?");
  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_MINUTES =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}( UTC)?");
  private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter PLAIN_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Timestamps() {}

  /** The error text for a value that is not a time (kept from the reference's wording). */
  public static String unparsable(String value) {
    return "Unable to parse timestamp '" + value
        + "'. Expected ISO8601 or 'YYYY-MM-DD HH:MM:SS UTC'.";
  }

  /** {@code instant} as the line renders it, second precision. */
  public static String format(Instant instant) {
    return LINE.format(instant);
  }

  /**
   * A claimed time given by a caller: the line form (with or without " UTC") or ISO-8601. Empty
   * when it is neither.
   */
  public static Optional<Instant> parseClaimed(String value) {
    String v = value.trim();
    try {
      if (LINE_FORM.matcher(v).matches()) {
        return Optional.of(LocalDateTime.parse(v.substring(0, 19), PLAIN).toInstant(ZoneOffset.UTC));
      }
      return Optional.of(parseIso(v));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A query bound: a date alone means the start of that day for a lower bound and its last
   * instant (23:59:59.999999999) for an upper bound; {@code yyyy-MM-dd HH:mm} is accepted too.
   * Empty when unparsable.
   */
  public static Optional<Instant> parseBound(String value, boolean upper) {
    String v = value.trim();
    try {
      if (DATE_ONLY.matcher(v).matches()) {
        LocalDate d = LocalDate.parse(v);
        return Optional.of(
            upper
                ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
                : d.atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (DATE_MINUTES.matcher(v).matches()) {
        LocalDateTime t = LocalDateTime.parse(v.substring(0, 16).replace('T', ' '), PLAIN_MINUTES);
        return Optional.of(
            (upper ? t.plusMinutes(1).minusNanos(1) : t).toInstant(ZoneOffset.UTC));
      }
      return parseClaimed(v);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The time of an existing line's timestamp segment: the line form or an ISO-8601 time (the
   * Python server wrote provenance lines with {@code 2026-01-02T10:00:02.130724+00:00}).
   */
  public static Optional<Instant> parseLineTimestamp(String value) {
    return parseClaimed(value);
  }

  private static Instant parseIso(String v) {
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e2) {
        // ISO local date-time without zone: taken as UTC.
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      }
    }
  }
}
