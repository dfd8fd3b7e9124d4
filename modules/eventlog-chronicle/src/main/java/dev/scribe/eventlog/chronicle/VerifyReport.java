package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The result of walking the whole hash chain of a log directory.
 *
 * @param eventsVerified events decoded and checked (hash of the stored bytes, link to the
 *     previous event, gap-free position) before the first damage, or all of them
 * @param lastPosition the last good position
 * @param damage the first bad position and what is wrong there, when the chain breaks
 * @param cutDocuments documents the log no longer serves (skipped by the walk; listed so an
 *     operator sees every cut)
 */
public record VerifyReport(
    long eventsVerified,
    long lastPosition,
    Optional<Damage> damage,
    List<CutDocument> cutDocuments) {
  public VerifyReport {
    requireNonNull(damage, "damage");
    cutDocuments = List.copyOf(requireNonNull(cutDocuments, "cutDocuments"));
  }

  /** The first bad position and the reason. */
  public record Damage(long position, String reason) {
    public Damage {
      requireNonNull(reason, "reason");
    }
  }

  /** Whether the chain verified end to end. */
  public boolean intact() {
    return damage.isEmpty();
  }

  /** The first bad position, if any. */
  public Optional<Long> firstBadPosition() {
    return damage.map(Damage::position);
  }
}
