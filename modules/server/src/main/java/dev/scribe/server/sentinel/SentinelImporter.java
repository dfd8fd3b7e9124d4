package dev.scribe.server.sentinel;

import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.DuplicateAppendException;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import dev.scribe.projections.sentinel.SentinelImport;
import dev.scribe.server.DataDirectory;
import dev.scribe.server.RandomIds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code scribe import-sentinel}: a sentinel JSONL file the Python server wrote ({@code
 * sentinel.jsonl}, {@code bug.jsonl}, {@code security.jsonl} of one day) into the event log, one
 * event per line, without loss ({@link SentinelImport}). Each line is appended with an idempotency
 * key derived from the repository and the line, so importing the same file again writes nothing.
 * The server renders the repository's daily files from the imported events (a file it did not
 * write is moved aside first, never clobbered).
 */
public final class SentinelImporter {
  private SentinelImporter() {}

  /** What an import did. */
  public record Report(int imported, int alreadyImported, int blank, java.util.List<SentinelImport.Rejected> rejected) {}

  /** Imports {@code file} for repository {@code repo} into {@code log}. */
  public static Report run(AppendEvents log, EventCodec codec, Path repo, Path file) throws IOException {
    String root = repo.toRealPath().toString();
    SentinelImport.Parsed parsed = SentinelImport.parse(root, Files.readString(file, StandardCharsets.UTF_8));
    int imported = 0;
    int already = 0;
    for (SentinelImport.Line l : parsed.lines()) {
      try {
        log.append(AppendRequest.of(codec.toNew(l.event(), l.stream(), "", l.executionId()))
            .withIdempotencyKey(l.idempotencyKey()));
        imported++;
      } catch (DuplicateAppendException e) {
        already++;
      }
    }
    return new Report(imported, already, parsed.blank(), parsed.rejected());
  }

  /**
   * The command: locks the data directory (no server may use it), imports, prints a summary and
   * each rejected line. Exit 0 when every line was imported (now or before), 1 when some were
   * rejected, 2 for bad arguments.
   */
  public static int importFile(Path dataDir, Path repo, Path file, PrintStream out) {
    if (!Files.isDirectory(repo)) {
      System.err.println("scribe import-sentinel: --repo " + repo + " is not a directory");
      return 2;
    }
    if (!Files.isRegularFile(file)) {
      System.err.println("scribe import-sentinel: " + file + " is not a file");
      return 2;
    }
    try (DataDirectory data = DataDirectory.lock(dataDir, ProcessHandle.current().pid());
        ChronicleEventLog log =
            ChronicleEventLog.open(ChronicleLogConfig.defaults(data.logDir()), Clock.systemUTC(), new RandomIds())) {
      Report r = run(log, new EventCodec(), repo, file);
      out.println("imported: " + r.imported());
      out.println("already imported: " + r.alreadyImported());
      out.println("blank lines: " + r.blank());
      out.println("rejected: " + r.rejected().size());
      for (SentinelImport.Rejected x : r.rejected()) out.println("  line " + x.lineNumber() + ": " + x.reason());
      return r.rejected().isEmpty() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("scribe import-sentinel: " + e.getMessage());
      return 1;
    }
  }
}
