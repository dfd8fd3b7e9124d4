package dev.scribe.eventlog.chronicle;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.eventlog.NewEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Helpers shared by the Chronicle tests. */
final class TestLogs {
  private TestLogs() {}

  static ChronicleLogConfig config(Path dir) {
    return ChronicleLogConfig.defaults(dir).withWriteLockTimeout(Duration.ofMillis(200));
  }

  static NewEvent event(String stream, String payload) {
    return new NewEvent("TestEvent", 1, stream, "s-1", "x-1", payload.getBytes(UTF_8));
  }

  static String text(dev.scribe.eventlog.StoredEvent e) {
    return new String(e.payload(), UTF_8);
  }

  /** Flips one byte of the unique {@code marker} inside the log's cycle files (log closed). */
  static void flipByteOf(Path dir, String marker) throws IOException {
    byte[] needle = marker.getBytes(UTF_8);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".cq4")).toList();
    }
    for (Path file : files) {
      byte[] all = Files.readAllBytes(file);
      int at = indexOf(all, needle);
      if (at >= 0) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(new byte[] {(byte) (all[at] ^ 0x01)}), at);
        }
        return;
      }
    }
    throw new AssertionError("marker " + marker + " not found in " + files);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** Whether a thread whose name starts with {@code prefix} is alive. */
  static boolean threadAlive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
  }
}
