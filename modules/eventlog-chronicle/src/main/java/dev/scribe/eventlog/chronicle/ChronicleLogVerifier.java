package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Walks a log directory's whole hash chain, read-only (it works beside a running server, which
 * holds the directory lock): every event's hash must match its stored bytes, link to its
 * predecessor and sit at the next position. Reports the first bad position. The CLI {@code
 * scribe verify} calls {@link #verify} (or {@link VerifyMain}) and exits 1 on damage.
 */
public final class ChronicleLogVerifier {
  static {
    ChronicleSupport.disableAnalytics();
  }

  private ChronicleLogVerifier() {}

  /**
   * Verifies the log in {@code directory}.
   *
   * @throws EventLogStorageException when the directory is missing or cannot be read
   */
  public static VerifyReport verify(Path directory) {
    ChronicleSupport.disableAnalytics();
    if (!Files.isDirectory(directory)) {
      throw new EventLogStorageException("No event log directory at " + directory);
    }
    CutSet cuts = CutSet.load(directory);
    if (!hasQueueFiles(directory)) {
      return new VerifyReport(0, 0, Optional.empty(), cuts.all());
    }
    try (SingleChronicleQueue queue =
            SingleChronicleQueueBuilder.binary(directory).readOnly(true).build();
        ExcerptTailer tailer = queue.createTailer()) {
      return walk(tailer, cuts);
    }
  }

  private static boolean hasQueueFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
    } catch (IOException e) {
      throw new EventLogStorageException("Cannot list " + directory + ": " + e, e);
    }
  }

  private static VerifyReport walk(ExcerptTailer tailer, CutSet cuts) {
    MessageDigest digest = RecordFormat.sha256();
    byte[] previous = RecordFormat.GENESIS_HASH;
    long expected = 1;
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) break;
        if (cuts.isCut(dc.index())) continue;
        Bytes<?> bytes = dc.wire().bytes();
        try {
          BatchDocument.Range range = BatchDocument.readHeader(bytes, expected);
          if (range.first() != expected) {
            throw new CorruptLogException(
                expected, "document starts at position " + range.first());
          }
          for (long p = range.first(); p <= range.last(); p++) {
            StoredEvent e = RecordCodec.readChecked(bytes, p, previous, digest);
            previous = e.hash();
            expected = p + 1;
          }
          if (bytes.readRemaining() != 0) {
            throw new CorruptLogException(expected - 1, "document has trailing bytes");
          }
        } catch (CorruptLogException e) {
          long at = e.position() > 0 ? e.position() : expected;
          return new VerifyReport(
              expected - 1,
              expected - 1,
              Optional.of(new VerifyReport.Damage(at, Recovery.reason(e))),
              cuts.all());
        }
      }
    }
    return new VerifyReport(expected - 1, expected - 1, Optional.empty(), cuts.all());
  }
}
