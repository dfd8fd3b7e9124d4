package dev.scribe.domain.entry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An entry's optional category. */
public enum Category {
  DECISION,
  INVESTIGATION,
  BUG,
  IMPLEMENTATION,
  TEST,
  MILESTONE,
  CONFIG,
  SECURITY,
  PERFORMANCE,
  DOCUMENTATION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Category> parse(String s) {
    for (Category c : values()) if (c.wireName().equalsIgnoreCase(s.trim())) return Optional.of(c);
    return Optional.empty();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Category::wireName).collect(Collectors.joining(", "));
  }
}
