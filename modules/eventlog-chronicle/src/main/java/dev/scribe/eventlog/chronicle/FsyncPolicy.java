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
   * Parses the command-line form: {@code batch}, {@code none}, {@code interval} (100 ms) or {@code
   * interval:<millis>}.
   */
  static FsyncPolicy parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("batch")) return batch();
    if (t.equals("none")) return none();
    if (t.equals("interval")) return interval(Duration.ofMillis(100));
    if (t.startsWith("interval:")) {
      return interval(Duration.ofMillis(Long.parseLong(t.substring("interval:".length()))));
    }
    throw new IllegalArgumentException(
        "unknown fsync policy '" + text + "' (batch, interval, interval:<ms> or none)");
  }

  /**
   * Group commit. A group somebody waits on is synced at once, together with every group written
   * before it. A group nobody waits on (the records of read-only calls, answered once written) is
   * synced at the latest {@code deferral} after it was written: one fsync then serves a stream of
   * such groups instead of one each. An fsync costs CPU, and a page under writeback stalls the
   * writer's next store into it. Readers see a deferred record up to {@code deferral} later.
   */
  record Batch(Duration deferral) implements FsyncPolicy {
    /** 10 ms: at most ~100 fsyncs a second for a stream of reads, and a lag no reader notices. */
    public static final Duration DEFAULT_DEFERRAL = Duration.ofMillis(10);

    public Batch {
      requireNonNull(deferral, "deferral");
      if (deferral.isNegative()) throw new IllegalArgumentException("deferral must be >= 0");
    }

    @Override
    public String toString() {
      return "batch";
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
