package dev.scribe.domain.query;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.entry.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Strict parsing of query arguments from plain values (the tool layer extracts them from JSON).
 * Every method either returns a valid value or throws {@link InvalidQueryException} whose message
 * names the parameter's bad value and what is allowed; nothing is coerced or "healed".
 */
public final class QueryArgs {
  /** Meta filter keys (reference §3.8). */
  public static final Pattern META_KEY = Pattern.compile("^[A-Za-z0-9_.:-]+$");

  /** Largest {@code page} accepted. */
  public static final int MAX_PAGE = 10_000;

  private QueryArgs() {}

  /**
   * The message test, or null when {@code text} is null or empty (no message filter, as in the
   * reference).
   *
   * @param mode null means {@code substring}
   */
  public static @Nullable MessageMatch message(
      @Nullable String text, @Nullable String mode, boolean caseSensitive) {
    MessageMode m = mode == null ? MessageMode.SUBSTRING : MessageMode.parse(mode);
    if (text == null || text.isEmpty()) return null;
    return MessageMatch.of(text, m, caseSensitive);
  }

  /**
   * A time bound: {@code yyyy-MM-dd HH:mm:ss[ UTC]}, {@code yyyy-MM-dd[ HH:mm]} or ISO-8601. A
   * date alone means 00:00:00 for a lower bound and the day's last instant for an upper one.
   *
   * @param parameter {@code start} or {@code end}
   */
  public static Instant bound(String parameter, String value, boolean upper) {
    return Timestamps.parseBound(value, upper)
        .orElseThrow(() -> new InvalidQueryException(parameter, value, Timestamps.unparsable(value)));
  }

  /**
   * Checks an inclusive range given as the caller wrote it.
   *
   * @throws InvalidQueryException when start is after end
   */
  public static void requireOrdered(String startText, Instant start, String endText, Instant end) {
    if (start.isAfter(end)) {
      throw new InvalidQueryException(
          "start",
          startText,
          "Start time must be before end time: start '" + startText + "' is after end '"
              + endText + "'.");
    }
  }

  /** Statuses by wire name ({@code info, success, warn, error, bug, plan}). */
  public static Set<Status> statuses(Collection<String> values) {
    Set<Status> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(
          Status.parse(v)
              .orElseThrow(
                  () -> new InvalidQueryException(
                      "status", v, "Invalid status '" + v + "': expected one of "
                          + Status.allowed() + ".")));
    }
    return out;
  }

  /** Priorities by name ({@code critical, high, medium, low}), case-insensitive. */
  public static Set<Priority> priorities(Collection<String> values) {
    Set<Priority> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(
          Priority.parse(v)
              .orElseThrow(
                  () -> new InvalidQueryException(
                      "priority", v, "Invalid priority '" + v + "': expected one of "
                          + Priority.allowed() + ".")));
    }
    return out;
  }

  /** Categories by name, case-insensitive. */
  public static Set<Category> categories(Collection<String> values) {
    Set<Category> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(
          Category.parse(v)
              .orElseThrow(
                  () -> new InvalidQueryException(
                      "category", v, "Invalid category '" + v + "': expected one of "
                          + Category.allowed() + ".")));
    }
    return out;
  }

  /** {@code agents} with {@code agent} merged in (after them), duplicates dropped. */
  public static Set<String> agents(@Nullable String agent, Collection<String> agents) {
    Set<String> out = new LinkedHashSet<>(agents);
    if (agent != null) out.add(agent);
    return out;
  }

  /**
   * A meta filter key: {@code ^[A-Za-z0-9_.:-]+$}.
   *
   * @throws InvalidQueryException {@code Meta filter key '<k>' contains unsupported characters.}
   */
  public static String metaKey(String key) {
    if (!META_KEY.matcher(key).matches()) {
      throw new InvalidQueryException(
          "meta_filters",
          key,
          "Meta filter key '" + key + "' contains unsupported characters. Keys must match "
              + META_KEY.pattern() + ".");
    }
    return key;
  }

  /** A confidence bound within 0..1. */
  public static double minConfidence(double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new InvalidQueryException(
          "min_confidence",
          String.valueOf(value),
          "Invalid min_confidence " + value + ": expected a number from 0 to 1.");
    }
    return value;
  }

  /** A page number, 1..{@value #MAX_PAGE}. */
  public static int page(long value) {
    if (value < 1 || value > MAX_PAGE) {
      throw new InvalidQueryException(
          "page", String.valueOf(value), "Invalid page " + value + ": expected 1 to " + MAX_PAGE + ".");
    }
    return (int) value;
  }

  /**
   * A page size, 1..{@code max}.
   *
   * @param parameter the argument it came from ({@code page_size}, {@code limit}, {@code n})
   */
  public static int pageSize(String parameter, long value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidQueryException(
          parameter,
          String.valueOf(value),
          "Invalid " + parameter + " " + value + ": expected 1 to " + max + ".");
    }
    return (int) value;
  }
}
