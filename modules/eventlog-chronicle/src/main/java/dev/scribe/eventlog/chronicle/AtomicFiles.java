package dev.scribe.eventlog.chronicle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Replaces a file so a crash leaves either the old or the new content, never a mix. */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Write a temp file, fsync it, rename it over {@code target}, fsync the directory. */
  static void write(Path target, byte[] content) throws IOException {
    replace(target, out -> out.write(content));
  }

  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  static void replace(Path target, Writer writer) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
            FileChannel.open(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = new java.io.BufferedOutputStream(
            java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
      writer.writeTo(out);
      out.flush();
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
  }

  /** Makes a rename durable (Linux allows fsync on a directory opened for reading). */
  static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot fsync a directory; the rename is then as durable as the OS makes it.
    }
  }
}
