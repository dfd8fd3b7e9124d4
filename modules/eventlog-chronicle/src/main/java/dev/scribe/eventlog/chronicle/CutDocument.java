package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

/**
 * A Chronicle document the log no longer serves: a corrupt document found at the tail on open,
 * or a batch whose sync failed (written but never acknowledged). Its positions are reused by
 * later appends; readers and {@code verify} skip it.
 *
 * @param chronicleIndex the document's Chronicle index
 * @param position the first Scribe position it was at (the position readers expected there)
 * @param reason why it was cut, for operators
 */
public record CutDocument(long chronicleIndex, long position, String reason) {
  public CutDocument {
    requireNonNull(reason, "reason");
    reason = reason.replace('\n', ' ').replace('\r', ' ');
  }
}
