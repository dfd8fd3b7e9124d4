package dev.scribe.eventlog.chronicle;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How a {@link ChronicleEventLog} stores its data.
 *
 * @param directory the log directory (created when missing); one writer process at a time
 * @param fsync when appends are synced and acknowledged
 * @param rollCycle Chronicle's file roll cycle; {@link RollCycles#FAST_DAILY} by default (see
 *     package docs for why)
 * @param diskReserveBytes appends fail with "disk full" once the file system's usable space would
 *     drop below this, long before an mmap write could hit a full disk (SIGBUS)
 * @param writeLockTimeout Chronicle's write-lock timeout: how long before the lock of a writer
 *     that died mid-document is forced open (Chronicle waits 1.5× this)
 * @param snapshotEveryEvents after this many new events the writer persists an index snapshot so
 *     the next open only replays the tail
 * @param pretouchBytes how far ahead of the writer a background thread touches the cycle file's
 *     pages, so the writer does not take the page faults (0: off); at most half the disk reserve
 * @param faults test-only fault injection; {@link StorageFaults#NONE} in production
 */
public record ChronicleLogConfig(
    Path directory,
    FsyncPolicy fsync,
    RollCycle rollCycle,
    long diskReserveBytes,
    Duration writeLockTimeout,
    long snapshotEveryEvents,
    long pretouchBytes,
    StorageFaults faults) {

  /** 256 MiB: several of Chronicle's mapped chunks, so a write never lands on a full disk. */
  public static final long DEFAULT_DISK_RESERVE = 256L << 20;

  /** 8 MiB: ~10 ms of writing at 1M events/s, and a few dozen folio faults to stay ahead. */
  public static final long DEFAULT_PRETOUCH = 8L << 20;

  static {
    // Runs before RollCycles (the first Chronicle class a caller can touch) initialises.
    ChronicleSupport.disableAnalytics();
  }

  public ChronicleLogConfig {
    requireNonNull(directory, "directory");
    requireNonNull(fsync, "fsync");
    requireNonNull(rollCycle, "rollCycle");
    requireNonNull(writeLockTimeout, "writeLockTimeout");
    requireNonNull(faults, "faults");
    if (diskReserveBytes < 0) throw new IllegalArgumentException("diskReserveBytes must be >= 0");
    if (writeLockTimeout.isNegative() || writeLockTimeout.isZero()) {
      throw new IllegalArgumentException("writeLockTimeout must be positive");
    }
    if (snapshotEveryEvents < 1) throw new IllegalArgumentException("snapshotEveryEvents >= 1");
    if (pretouchBytes < 0) throw new IllegalArgumentException("pretouchBytes must be >= 0");
  }

  /**
   * Batch fsync, daily files, 256 MiB reserve, 2 s lock timeout, an index snapshot every 500k
   * events (so a crash leaves at most ~500k events to re-verify on open, ~1.5 s of CPU here),
   * pages pretouched 8 MiB ahead.
   */
  public static ChronicleLogConfig defaults(Path directory) {
    return new ChronicleLogConfig(
        directory,
        FsyncPolicy.batch(),
        RollCycles.FAST_DAILY,
        DEFAULT_DISK_RESERVE,
        Duration.ofSeconds(2),
        500_000,
        DEFAULT_PRETOUCH,
        StorageFaults.NONE);
  }

  public ChronicleLogConfig withFsync(FsyncPolicy policy) {
    return new ChronicleLogConfig(
        directory, policy, rollCycle, diskReserveBytes, writeLockTimeout, snapshotEveryEvents,
        pretouchBytes, faults);
  }

  public ChronicleLogConfig withRollCycle(RollCycle cycle) {
    return new ChronicleLogConfig(
        directory, fsync, cycle, diskReserveBytes, writeLockTimeout, snapshotEveryEvents,
        pretouchBytes, faults);
  }

  public ChronicleLogConfig withDiskReserveBytes(long bytes) {
    return new ChronicleLogConfig(
        directory, fsync, rollCycle, bytes, writeLockTimeout, snapshotEveryEvents,
        pretouchBytes, faults);
  }

  public ChronicleLogConfig withWriteLockTimeout(Duration timeout) {
    return new ChronicleLogConfig(
        directory, fsync, rollCycle, diskReserveBytes, timeout, snapshotEveryEvents,
        pretouchBytes, faults);
  }

  public ChronicleLogConfig withSnapshotEveryEvents(long events) {
    return new ChronicleLogConfig(
        directory, fsync, rollCycle, diskReserveBytes, writeLockTimeout, events,
        pretouchBytes, faults);
  }

  public ChronicleLogConfig withPretouchBytes(long bytes) {
    return new ChronicleLogConfig(
        directory, fsync, rollCycle, diskReserveBytes, writeLockTimeout, snapshotEveryEvents,
        bytes, faults);
  }

  public ChronicleLogConfig withFaults(StorageFaults storageFaults) {
    return new ChronicleLogConfig(
        directory, fsync, rollCycle, diskReserveBytes, writeLockTimeout, snapshotEveryEvents,
        pretouchBytes, storageFaults);
  }
}
