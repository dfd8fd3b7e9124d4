package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/** When the writer forces appended documents to disk, and so what an acknowledgement means. */
public sealed interface FsyncPolicy {

  /** Group commit: a group of batches is acknowledged only after it was synced (the default). */
  static FsyncPolicy batch() {
    return Batch.INSTANCE;
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

  /** Group commit. */
  enum Batch implements FsyncPolicy {
    INSTANCE;

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
