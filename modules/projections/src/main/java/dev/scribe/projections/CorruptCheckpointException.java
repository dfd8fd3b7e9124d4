package dev.scribe.projections;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file exists but cannot be trusted (bad header, wrong length, checksum mismatch). */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(Path file, String reason) {
    super("Corrupt checkpoint " + file + ": " + reason);
  }
}
