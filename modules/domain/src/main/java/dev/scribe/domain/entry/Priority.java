package dev.scribe.domain.entry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An entry's priority, most urgent first (the enum order is the sort order). */
public enum Priority {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The priority with this name, case-insensitive. */
  public static Optional<Priority> parse(String s) {
    for (Priority p : values()) if (p.wireName().equalsIgnoreCase(s.trim())) return Optional.of(p);
    return Optional.empty();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Priority::wireName).collect(Collectors.joining(", "));
  }
}
