package dev.scribe.projections;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A checkpoint and (optionally) the state it describes, in one file replaced atomically ({@link
 * DurableFiles#replace}), so a position is never durable without its state.
 *
 * <p>Format (version 1): an ASCII header of {@code key=value} lines, an empty line, then the state
 * bytes. The header can be read with {@code head -6}:
 *
 * <pre>
 * scribe-checkpoint 1
 * position=1234
 * event-hash=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * state-length=5120
 * state-crc32c=1c291ca3
 *
 * &lt;state-length bytes&gt;
 * </pre>
 *
 * {@code event-hash} is empty at position 0. Side-effecting projections whose state lives elsewhere
 * store no state bytes ({@code state-length=0}).
 */
public final class CheckpointFile {
  static final String MAGIC = "scribe-checkpoint 1";

  /** A checkpoint with its state bytes. */
  public record Contents(Checkpoint checkpoint, byte[] state) {
    public Contents {
      requireNonNull(checkpoint, "checkpoint");
      requireNonNull(state, "state");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Contents c
          && checkpoint.equals(c.checkpoint)
          && Arrays.equals(state, c.state);
    }

    @Override
    public int hashCode() {
      return checkpoint.hashCode() * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
      return "Contents[" + checkpoint + ", " + state.length + " state bytes]";
    }
  }

  private CheckpointFile() {}

  /** Writes {@code checkpoint} and {@code state} to {@code file}, atomically and durably. */
  public static void write(Path file, Checkpoint checkpoint, byte[] state) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(state);
    String header =
        MAGIC
            + "\nposition="
            + checkpoint.position()
            + "\nevent-hash="
            + checkpoint.eventHash()
            + "\nstate-length="
            + state.length
            + "\nstate-crc32c="
            + String.format("%08x", crc.getValue())
            + "\n\n";
    byte[] head = header.getBytes(US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + state.length);
    System.arraycopy(state, 0, all, head.length, state.length);
    DurableFiles.replace(file, all);
  }

  /** Writes a checkpoint without state bytes. */
  public static void write(Path file, Checkpoint checkpoint) throws IOException {
    write(file, checkpoint, new byte[0]);
  }

  /**
   * The checkpoint stored in {@code file}, empty when there is no such file.
   *
   * @throws CorruptCheckpointException when the file exists but is not a valid checkpoint
   */
  public static Optional<Contents> read(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    int end = headerEnd(all);
    if (end < 0) throw new CorruptCheckpointException(file, "no header");
    String[] lines = new String(all, 0, end, US_ASCII).split("\n", -1);
    if (lines.length != 5 || !lines[0].equals(MAGIC)) {
      throw new CorruptCheckpointException(file, "not a '" + MAGIC + "' header");
    }
    try {
      long position = Long.parseLong(value(lines[1], "position"));
      String hash = value(lines[2], "event-hash");
      int length = Integer.parseInt(value(lines[3], "state-length"));
      long expectedCrc = Long.parseLong(value(lines[4], "state-crc32c"), 16);
      int start = end + 2;
      if (length < 0 || all.length - start != length) {
        throw new CorruptCheckpointException(
            file, "state is " + (all.length - start) + " bytes, header says " + length);
      }
      byte[] state = Arrays.copyOfRange(all, start, all.length);
      CRC32C crc = new CRC32C();
      crc.update(state);
      if (crc.getValue() != expectedCrc) {
        throw new CorruptCheckpointException(file, "state checksum mismatch");
      }
      return Optional.of(new Contents(new Checkpoint(position, hash), state));
    } catch (IllegalArgumentException e) {
      throw new CorruptCheckpointException(file, e.getMessage());
    }
  }

  /** Deletes the checkpoint file, durably. */
  public static void delete(Path file) throws IOException {
    DurableFiles.delete(file);
  }

  private static int headerEnd(byte[] all) {
    for (int i = 0; i + 1 < all.length; i++) {
      if (all[i] == '\n' && all[i + 1] == '\n') return i;
    }
    return -1;
  }

  private static String value(String line, String key) {
    if (!line.startsWith(key + "=")) {
      throw new IllegalArgumentException("expected '" + key + "=' but found '" + line + "'");
    }
    return line.substring(key.length() + 1);
  }
}
