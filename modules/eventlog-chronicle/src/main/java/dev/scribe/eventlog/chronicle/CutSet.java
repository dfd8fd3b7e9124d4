package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.EventLogStorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable list of cut documents ({@code cut-documents.txt}), rewritten atomically on every
 * change. Cuts are rare (a torn tail, a failed sync), so the set is small and read lock-free from
 * an immutable snapshot.
 */
final class CutSet {
  static final String FILE_NAME = "cut-documents.txt";

  private final Path file;
  private volatile long[] sortedIndexes;
  private volatile List<CutDocument> cuts;

  private CutSet(Path file, List<CutDocument> cuts) {
    this.file = file;
    publish(cuts);
  }

  /** Reads the list (empty when the file does not exist). */
  static CutSet load(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    List<CutDocument> cuts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] parts = line.split(" ", 3);
        cuts.add(
            new CutDocument(
                Long.parseUnsignedLong(parts[0], 16),
                Long.parseLong(parts[1]),
                parts.length > 2 ? parts[2] : ""));
      }
    } catch (NoSuchFileException e) {
      // no cuts yet
    } catch (IOException | RuntimeException e) {
      throw new EventLogStorageException("Cannot read " + file + ": " + e, e);
    }
    return new CutSet(file, cuts);
  }

  boolean isCut(long chronicleIndex) {
    long[] s = sortedIndexes;
    return s.length > 0 && java.util.Arrays.binarySearch(s, chronicleIndex) >= 0;
  }

  List<CutDocument> all() {
    return cuts;
  }

  /** Adds cuts and makes them durable before returning. */
  synchronized void add(List<CutDocument> more) {
    List<CutDocument> next = new ArrayList<>(cuts);
    next.addAll(more);
    StringBuilder text =
        new StringBuilder("# Chronicle documents the event log no longer serves: index position reason\n");
    for (CutDocument c : next) {
      text.append(Long.toHexString(c.chronicleIndex())).append(' ').append(c.position())
          .append(' ').append(c.reason()).append('\n');
    }
    try {
      AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EventLogStorageException("Cannot record cut documents in " + file + ": " + e, e);
    }
    publish(next);
  }

  private void publish(List<CutDocument> list) {
    long[] s = list.stream().mapToLong(CutDocument::chronicleIndex).sorted().toArray();
    cuts = List.copyOf(list);
    sortedIndexes = s;
  }
}
