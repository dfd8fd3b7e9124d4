package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.LogIndex;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Rebuilds the {@link LogIndex} on open: from the snapshot when it matches the log (the document
 * it names ends at its position with its hash), else from the first event; then every later
 * document is decoded, hash-checked and chained. A bad <em>last</em> document is a torn tail:
 * it is cut (recorded durably in the {@link CutSet}) and reported. A bad document with good ones
 * after it is damage, not a torn tail: open fails and {@code verify} names the position.
 *
 * <p>Chronicle itself never shows a document whose writer died before finishing it, so a torn
 * tail here means a complete document whose bytes are wrong (lost pages, a bug, tampering).
 */
final class Recovery {
  private final Path directory;
  private final SingleChronicleQueue queue;
  private final CutSet cuts;
  private final MessageDigest digest = RecordFormat.sha256();

  /** The rebuilt index, the Chronicle index of its last document, and the report. */
  record Result(LogIndex index, long lastDocumentIndex, RecoveryReport report) {}

  Recovery(Path directory, SingleChronicleQueue queue, CutSet cuts) {
    this.directory = directory;
    this.queue = queue;
    this.cuts = cuts;
  }

  Result run() {
    List<String> notes = new ArrayList<>();
    try (ExcerptTailer tailer = queue.createTailer()) {
      Optional<IndexSnapshot.Loaded> snapshot =
          IndexSnapshot.read(directory, why -> notes.add("index snapshot ignored: " + why));
      LogIndex index = new LogIndex();
      long lastDocument = -1;
      boolean snapshotUsed = false;
      if (snapshot.isPresent() && snapshot.get().index().lastPosition() > 0) {
        Optional<String> mismatch = check(tailer, snapshot.get());
        if (mismatch.isEmpty()) {
          index = snapshot.get().index();
          lastDocument = snapshot.get().chronicleIndex();
          snapshotUsed = true; // the tailer now stands right after the snapshot's document
        } else {
          notes.add("index snapshot ignored: " + mismatch.get() + "; rebuilt from the log");
        }
      }
      if (!snapshotUsed) tailer.toStart();
      Scan scan = scan(tailer, index, lastDocument);
      return new Result(
          index,
          scan.lastDocument,
          new RecoveryReport(index.lastPosition(), snapshotUsed, scan.verified, scan.cut, notes));
    }
  }

  /** Why the snapshot does not describe this log, or empty when it does. */
  private Optional<String> check(ExcerptTailer tailer, IndexSnapshot.Loaded snapshot) {
    long position = snapshot.index().lastPosition();
    if (cuts.isCut(snapshot.chronicleIndex())) return Optional.of("its document was cut");
    if (!tailer.moveToIndex(snapshot.chronicleIndex())) {
      return Optional.of("its document " + Long.toHexString(snapshot.chronicleIndex()) + " is missing");
    }
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) return Optional.of("its document is missing");
      Bytes<?> bytes = dc.wire().bytes();
      BatchDocument.Range range = BatchDocument.readHeader(bytes, position);
      if (range.last() != position) return Optional.of("its document does not end at " + position);
      StoredEvent last = null;
      for (long p = range.first(); p <= range.last(); p++) {
        last = BatchDocument.readRecord(bytes, p);
      }
      if (!MessageDigest.isEqual(last.hash(), snapshot.index().lastHash())
          || !RecordFormat.hashMatches(last, digest)) {
        return Optional.of("the event at " + position + " has another hash");
      }
      return Optional.empty();
    } catch (CorruptLogException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static final class Scan {
    long lastDocument;
    long verified;
    List<CutDocument> cut = new ArrayList<>();
  }

  private Scan scan(ExcerptTailer tailer, LogIndex index, long lastDocument) {
    Scan scan = new Scan();
    scan.lastDocument = lastDocument;
    while (true) {
      long documentIndex;
      long expected = index.lastPosition() + 1;
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) return scan;
        documentIndex = dc.index();
        if (cuts.isCut(documentIndex)) continue;
        List<StoredEvent> batch;
        try {
          batch = decodeAndVerify(dc.wire().bytes(), expected, index.lastHash());
        } catch (CorruptLogException e) {
          if (hasLiveDocumentAfter(documentIndex)) {
            throw new CorruptLogException(
                e.position(),
                reason(e) + " (not at the tail, so it was not cut; run `scribe verify`)");
          }
          CutDocument cut =
              new CutDocument(documentIndex, expected, "torn tail on open: " + reason(e));
          cuts.add(List.of(cut));
          scan.cut.add(cut);
          return scan;
        }
        // Hashes and links hold; a stream-version conflict here would be a writer bug: fail.
        index.applyAll(batch);
        scan.verified += batch.size();
        scan.lastDocument = documentIndex;
      }
    }
  }

  /** The exception's reason without its "damaged at position" prefix. */
  static String reason(CorruptLogException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return m.startsWith("Event log damaged at position") && colon > 0 ? m.substring(colon + 2) : m;
  }

  /** Decodes a whole batch and checks every link before anything is applied. */
  private List<StoredEvent> decodeAndVerify(Bytes<?> bytes, long expected, byte[] previousHash) {
    BatchDocument.Range range = BatchDocument.readHeader(bytes, expected);
    if (range.first() != expected) {
      throw new CorruptLogException(
          expected, "document starts at position " + range.first() + " where " + expected
              + " was expected");
    }
    List<StoredEvent> batch = new ArrayList<>(range.count());
    byte[] previous = previousHash;
    for (long p = range.first(); p <= range.last(); p++) {
      StoredEvent e = RecordCodec.readChecked(bytes, p, previous, digest);
      previous = e.hash();
      batch.add(e);
    }
    if (bytes.readRemaining() != 0) {
      throw new CorruptLogException(expected, "document has trailing bytes");
    }
    return batch;
  }

  private boolean hasLiveDocumentAfter(long documentIndex) {
    try (ExcerptTailer probe = queue.createTailer()) {
      if (!probe.moveToIndex(documentIndex)) return false;
      boolean first = true;
      while (true) {
        try (DocumentContext dc = probe.readingDocument()) {
          if (!dc.isPresent()) return false;
          if (first) {
            first = false; // the damaged document itself
            continue;
          }
          if (!cuts.isCut(dc.index())) return true;
        }
      }
    }
  }
}
