package dev.scribe.domain.query;

import java.util.Locale;

/**
 * Result order. {@code ASC} is log order (append position; claimed timestamps never reorder);
 * {@code DESC} is that sequence reversed, applied before pagination, so page 1 holds the newest.
 */
public enum SortOrder {
  ASC,
  DESC;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code asc} or {@code desc}.
   *
   * @throws InvalidQueryException naming the value
   */
  public static SortOrder parse(String value) {
    for (SortOrder o : values()) if (o.wireName().equals(value.trim())) return o;
    throw new InvalidQueryException(
        "order", value, "Invalid order '" + value + "': expected asc or desc.");
  }
}
