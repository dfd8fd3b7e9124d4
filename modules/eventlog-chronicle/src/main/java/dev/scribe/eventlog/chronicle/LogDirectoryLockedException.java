package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.EventLogException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Another log instance (another process, or another open in this one) holds the log directory.
 * Scribe allows one writer per directory, so the second open fails instead of interleaving.
 */
public final class LogDirectoryLockedException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;
  private final long holderPid;

  public LogDirectoryLockedException(Path directory, Optional<Long> holderPid) {
    super(
        "The event log directory "
            + directory
            + " is in use by "
            + holderPid.map(p -> "process " + p).orElse("another process (pid unknown)")
            + "; only one Scribe server may open it. Stop that process or use another --data"
            + " directory.");
    this.directory = directory;
    this.holderPid = holderPid.orElse(-1L);
  }

  public Path directory() {
    return directory;
  }

  /** The pid written by the holder, if it could be read. */
  public Optional<Long> holderPid() {
    return holderPid < 0 ? Optional.empty() : Optional.of(holderPid);
  }
}
