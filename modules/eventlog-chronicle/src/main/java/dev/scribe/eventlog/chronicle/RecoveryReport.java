package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What opening the log found.
 *
 * @param lastPosition the last position served after recovery
 * @param snapshotUsed whether the index snapshot was valid and used
 * @param eventsVerified events whose hash and chain link were checked (the tail after the
 *     snapshot, or the whole log when it was rebuilt)
 * @param cutOnOpen corrupt tail documents cut by this open (empty on a clean open)
 * @param notes other findings worth a log line (e.g. why the snapshot was not used)
 */
public record RecoveryReport(
    long lastPosition,
    boolean snapshotUsed,
    long eventsVerified,
    List<CutDocument> cutOnOpen,
    List<String> notes) {
  public RecoveryReport {
    cutOnOpen = List.copyOf(requireNonNull(cutOnOpen, "cutOnOpen"));
    notes = List.copyOf(requireNonNull(notes, "notes"));
  }
}
