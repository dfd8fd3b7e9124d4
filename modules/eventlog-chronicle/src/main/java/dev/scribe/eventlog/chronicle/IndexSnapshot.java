package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.LogIndex;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A persisted {@link LogIndex} ({@code index.snapshot}) so opening a large log replays only its
 * tail. It is only a cache: on load it is checked against the log (the event at its position must
 * carry its hash) and rebuilt from the log whenever it is missing, damaged or inconsistent.
 *
 * <pre>
 * long  MAGIC, int VERSION
 * long  Chronicle index of the document holding the snapshot's last position (-1 when empty)
 * ...   {@link LogIndex#writeTo}
 * long  CRC-32C of every byte above
 * </pre>
 */
final class IndexSnapshot {
  static final String FILE_NAME = "index.snapshot";
  private static final long MAGIC = 0x5343524942454958L; // "SCRIBEIX"
  private static final int VERSION = 1;

  /** A loaded snapshot: the index and where in Chronicle its last event lives. */
  record Loaded(LogIndex index, long chronicleIndex) {}

  private IndexSnapshot() {}

  /** Writes the snapshot atomically (temp file, fsync, rename). */
  static void write(Path directory, LogIndex index, long chronicleIndex) throws IOException {
    AtomicFiles.replace(
        directory.resolve(FILE_NAME),
        raw -> {
          CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
          DataOutputStream out = new DataOutputStream(checked);
          out.writeLong(MAGIC);
          out.writeInt(VERSION);
          out.writeLong(chronicleIndex);
          index.writeTo(out);
          out.flush();
          long crc = checked.getChecksum().getValue();
          new DataOutputStream(raw).writeLong(crc);
        });
  }

  /**
   * Reads the snapshot, or empty when there is none or it is damaged (the caller rebuilds; {@code
   * problem} receives why a file that exists was not usable).
   */
  static Optional<Loaded> read(Path directory, java.util.function.Consumer<String> problem) {
    Path file = directory.resolve(FILE_NAME);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
      DataInputStream in = new DataInputStream(checked);
      if (in.readLong() != MAGIC || in.readInt() != VERSION) {
        problem.accept("unknown snapshot format");
        return Optional.empty();
      }
      long chronicleIndex = in.readLong();
      LogIndex index = LogIndex.readFrom(in);
      long expected = checked.getChecksum().getValue();
      long stored = new DataInputStream(raw).readLong();
      if (stored != expected || raw.read() != -1) {
        problem.accept("snapshot checksum mismatch");
        return Optional.empty();
      }
      return Optional.of(new Loaded(index, chronicleIndex));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      problem.accept("unreadable snapshot: " + e);
      return Optional.empty();
    }
  }
}
