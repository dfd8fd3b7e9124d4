package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.EventLogStorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a write that would leave less than the reserve free. Chronicle writes through mmap, and
 * touching a page of a file on a full disk kills the JVM with SIGBUS instead of throwing; failing
 * the append early with a clear error is the only safe way. Asking the file system costs a
 * syscall, so it is asked again only after 64 MiB or 250 ms, and when the estimate gets close.
 * Writer thread only.
 */
final class DiskSpaceGuard {
  private static final long RECHECK_BYTES = 64L << 20;
  private static final long RECHECK_NANOS = 250_000_000L;

  private final Path directory;
  private final long reserve;
  private final FileStore store;
  private long usable;
  private long writtenSinceCheck;
  private long checkedAt;
  private boolean checked;

  DiskSpaceGuard(Path directory, long reserve) {
    this.directory = directory;
    this.reserve = reserve;
    try {
      this.store = Files.getFileStore(directory);
    } catch (IOException e) {
      throw new EventLogStorageException("Cannot inspect the file system of " + directory, e);
    }
  }

  /** Accounts for {@code bytes} about to be written, or throws when they would not fit. */
  void reserve(long bytes) {
    long now = System.nanoTime();
    if (!checked
        || writtenSinceCheck > RECHECK_BYTES
        || now - checkedAt > RECHECK_NANOS
        || usable - writtenSinceCheck - bytes < reserve) {
      refresh(now);
    }
    if (usable - writtenSinceCheck - bytes < reserve) {
      throw new EventLogStorageException(
          "Cannot append: disk full — "
              + usable
              + " bytes usable on the file system of "
              + directory
              + ", "
              + reserve
              + " must stay free; nothing was written. Free space and retry.");
    }
    writtenSinceCheck += bytes;
  }

  private void refresh(long now) {
    try {
      usable = store.getUsableSpace();
    } catch (IOException e) {
      throw new EventLogStorageException("Cannot read free space of " + directory + ": " + e, e);
    }
    writtenSinceCheck = 0;
    checkedAt = now;
    checked = true;
  }
}
