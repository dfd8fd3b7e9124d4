package dev.scribe.projections;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations that survive a crash at any point: a reader sees the old content or the new one,
 * never a torn mix. For side-effecting projections' outputs and checkpoints.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Replaces {@code file} with {@code content}: writes {@code <file>.tmp}, fsyncs it, renames it
   * over {@code file} atomically, then fsyncs the directory so the rename itself is durable.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path dir = parentOf(file);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("The file system of " + dir + " cannot rename atomically", e);
    }
    fsyncDirectory(dir);
  }

  /** Deletes {@code file} if present and makes the deletion durable. */
  public static boolean delete(Path file) throws IOException {
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) fsyncDirectory(parentOf(file));
    return deleted;
  }

  /** Flushes a directory's entries (creations, renames, deletions) to disk. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static Path parentOf(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) throw new IllegalArgumentException("no parent directory: " + file);
    return dir;
  }
}
