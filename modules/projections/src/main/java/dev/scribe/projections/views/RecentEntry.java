package dev.scribe.projections.views;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.EntryAppended;
import java.time.Instant;

/**
 * An entry as the recent-entries view keeps it: the event with the envelope facts a reader needs.
 *
 * @param position the entry's log position (its place in log order)
 * @param seq its 0-based place among its project's entries (since the project was last registered)
 * @param sessionId the session that appended it
 * @param recordedAt when the log recorded it
 */
public record RecentEntry(
    long position, long seq, String sessionId, Instant recordedAt, EntryAppended entry) {
  public RecentEntry {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(entry, "entry");
  }
}
