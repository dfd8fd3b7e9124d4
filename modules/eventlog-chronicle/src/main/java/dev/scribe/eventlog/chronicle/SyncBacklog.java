package dev.scribe.eventlog.chronicle;

import java.io.File;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code batch} policy's bookkeeping: the groups written but not yet known to be on disk,
 * oldest first, and when their next sync may start. Only the writer thread uses it; it holds no
 * thread and reads no clock (callers pass {@code System.nanoTime()}), so it is tested alone.
 *
 * <p>At most one sync runs; it covers the groups that were written when it started. A group
 * somebody waits on starts a sync at once (if none runs; else the next one, right after). Groups
 * nobody waits on start one at the latest {@code deferral} after the oldest of them was written.
 *
 * @param <G> a written group (the writer's record of its batches and documents)
 */
final class SyncBacklog<G> {
  private final long deferralNanos;
  private final ArrayDeque<G> groups = new ArrayDeque<>();
  /** The cycle files written since the last sync started. */
  private final Set<File> files = new HashSet<>();
  /** How many of {@link #groups} (the oldest) the running sync covers; 0: none runs. */
  private int inSync;
  /** Whether a group not covered by a sync has a caller waiting for its sync. */
  private boolean awaited;
  /** When the oldest group not covered by a sync was written. */
  private long uncoveredSinceNanos;

  /**
   * @param deferralNanos how long a group nobody waits on may wait for its sync to start
   */
  SyncBacklog(long deferralNanos) {
    if (deferralNanos < 0) throw new IllegalArgumentException("deferral must be >= 0");
    this.deferralNanos = deferralNanos;
  }

  /** A document was committed into {@code file}: the next sync must include it. */
  void fileWritten(File file) {
    files.add(file);
  }

  /** A group was written; {@code awaited} when a caller waits for its sync. */
  void add(G group, boolean awaited, long nowNanos) {
    if (groups.size() == inSync) uncoveredSinceNanos = nowNanos;
    groups.add(group);
    this.awaited |= awaited;
  }

  /**
   * Starts a sync of every group not yet covered, when it is time: no sync runs, and somebody
   * waits, the deferral has passed, or the writer is closing.
   *
   * @return the files the sync must force (those written since the last start), or null when no
   *     sync starts now
   */
  Set<File> startSync(boolean closing, long nowNanos) {
    if (inSync > 0 || groups.isEmpty()) return null;
    if (!awaited && !closing && nanosUntilDue(nowNanos) > 0) return null;
    inSync = groups.size();
    awaited = false;
    Set<File> toSync = Set.copyOf(files);
    files.clear();
    return toSync;
  }

  /** Whether groups wait for a deferred sync that has not started. */
  boolean deferred() {
    return inSync == 0 && !groups.isEmpty();
  }

  /** Nanoseconds until the deferred groups' sync is due (0 or less: due now). */
  long nanosUntilDue(long nowNanos) {
    return uncoveredSinceNanos + deferralNanos - nowNanos;
  }

  /** Whether a sync is running. */
  boolean syncing() {
    return inSync > 0;
  }

  /** No group waits for a sync, and none runs. */
  boolean isEmpty() {
    return groups.isEmpty();
  }

  /** The running sync succeeded: removes and returns the groups it covered, oldest first. */
  List<G> synced() {
    if (inSync == 0) throw new IllegalStateException("no sync runs");
    List<G> done = new ArrayList<>(inSync);
    for (int i = 0; i < inSync; i++) done.add(groups.removeFirst());
    inSync = 0;
    return done;
  }

  /**
   * A sync failed, or the writer stopped: removes and returns every group (those written after the
   * failed sync's groups follow them in the hash chain, so they go too), oldest first.
   */
  List<G> discardAll() {
    List<G> all = new ArrayList<>(groups);
    groups.clear();
    files.clear();
    inSync = 0;
    awaited = false;
    return all;
  }
}
