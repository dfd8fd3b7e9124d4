package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/** When the writer forces appended documents to disk, and so what an acknowledgement means. */
public sealed interface FsyncPolicy {

  /**
   * Group commit: a group of batches is acknowledged only after it was synced (the default).
   * Groups nobody waits on are synced within {@link Batch#DEFAULT_DEFERRAL}.
   */
  static FsyncPolicy batch() {
    return new Batch(Batch.DEFAULT_DEFERRAL);
  }

  /**
   * Group commit where a group whose batches were all acknowledged once written ({@code
   * Acknowledgement.WRITTEN}: nobody waits for its sync) may wait up to {@code deferral} for its
   * sync, to share it with the groups after it.
   */
  static FsyncPolicy batch(Duration deferral) {
    return new Batch(deferral);
  }

  /** Acknowledge once written (page cache); sync at most {@code maxDelay} later. */
  static FsyncPolicy interval(Duration maxDelay) {
    return new Interval(maxDelay);
  }

  /** Acknowledge once written; leave syncing to the operating system. */
  static FsyncPolicy none() {
    return None.INSTANCE;
  }

  /**
   * Parses the command-line form: {@code batch}, {@code batch:<millis>} (the deferral of groups
   * nobody waits on), {@code none}, {@code interval} (100 ms) or {@code interval:<millis>}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  static FsyncPolicy parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("batch")) return batch();
    if (t.equals("none")) return none();
    if (t.equals("interval")) return interval(Duration.ofMillis(100));
    if (t.startsWith("batch:")) return batch(millis(text, t.substring("batch:".length()), 0));
    if (t.startsWith("interval:")) {
      return interval(millis(text, t.substring("interval:".length()), 1));
    }
    throw new IllegalArgumentException(
        "unknown fsync policy '" + text + "' (batch, batch:<ms>, interval, interval:<ms> or none)");
  }

  private static Duration millis(String text, String digits, long min) {
    long ms;
    try {
      ms = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms < min) {
      throw new IllegalArgumentException(
          "invalid fsync policy '" + text + "': after ':' comes a whole number of milliseconds, "
              + (min == 0 ? "0 or more" : "at least " + min));
    }
    return Duration.ofMillis(ms);
  }

  /**
   * Group commit. A group somebody waits on is synced at once, together with every group written
   * before it. A group nobody waits on (the records of read-only calls, answered once written) is
   * synced at the latest {@code deferral} after it was written: one fsync then serves a stream of
   * such groups instead of one each. An fsync costs CPU, and a page under writeback stalls the
   * writer's next store into it. Readers see a deferred record up to {@code deferral} later.
   */
  record Batch(Duration deferral) implements FsyncPolicy {
    /**
     * 100 ms, as the {@code interval} policy's default: a stream of reads then costs ~10 fsyncs a
     * second. With 10 ms (~100 a second), the syncs alone took the p90 latency of a cheap read at
     * 5,000 calls/s on 2 vCPUs from 0.4 to 1.6 ms (BENCHMARKS.md, sixth session).
     */
    public static final Duration DEFAULT_DEFERRAL = Duration.ofMillis(100);

    public Batch {
      requireNonNull(deferral, "deferral");
      if (deferral.isNegative()) throw new IllegalArgumentException("deferral must be >= 0");
    }

    @Override
    public String toString() {
      return deferral.equals(DEFAULT_DEFERRAL) ? "batch" : "batch:" + deferral.toMillis();
    }
  }

  /** Sync at most every {@code maxDelay}. */
  record Interval(Duration maxDelay) implements FsyncPolicy {
    public Interval {
      requireNonNull(maxDelay, "maxDelay");
      if (maxDelay.isNegative() || maxDelay.isZero()) {
        throw new IllegalArgumentException("maxDelay must be positive: " + maxDelay);
      }
    }

    @Override
    public String toString() {
      return "interval:" + maxDelay.toMillis();
    }
  }

  /** No explicit sync. */
  enum None implements FsyncPolicy {
    INSTANCE;

    @Override
    public String toString() {
      return "none";
    }
  }
}
