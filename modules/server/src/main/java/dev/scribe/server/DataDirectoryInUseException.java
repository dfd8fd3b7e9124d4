package dev.scribe.server;

import java.nio.file.Path;
import java.util.Optional;

/** Another process (normally a running Scribe server) holds the data directory. */
public final class DataDirectoryInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryInUseException(Path dir, Optional<Long> pid) {
    super(
        "The data directory "
            + dir
            + " is in use by another process"
            + pid.map(p -> " (pid " + p + ")").orElse("")
            + ", normally a running Scribe server. Stop it first, or use another --data directory.");
  }
}
