package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/** One {@code key=value} pair of an entry's metadata, already sanitised for the Markdown line. */
public record MetaPair(String key, String value) {
  public MetaPair {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
  }
}
