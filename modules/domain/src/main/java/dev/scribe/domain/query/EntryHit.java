package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.EntryAppended;

/**
 * An entry with its log position (its place in log order).
 *
 * @param position the log position of the {@link EntryAppended} event
 */
public record EntryHit(long position, EntryAppended entry) {
  public EntryHit {
    requireNonNull(entry, "entry");
    if (position < 1) throw new IllegalArgumentException("position must be >= 1: " + position);
  }
}
