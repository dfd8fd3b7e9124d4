package dev.scribe.server.ops;

import dev.scribe.domain.entry.LogType;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import dev.scribe.projections.markdown.MemoryLogFiles;
import dev.scribe.server.importer.LogImporter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code scribe import} and {@code scribe export --format markdown}: Markdown logs into the event
 * log, and a project's logs rendered from it. Each returns a process exit code.
 */
public final class MarkdownTransfer {
  private MarkdownTransfer() {}

  /**
   * Imports {@code file} into project {@code project} (registered first, with root {@code root},
   * if new). Prints the count of every line category and each unparsable line. Exit 0 when every
   * entry line was imported (or was already), 1 when some lines could not be read as entries, 2
   * for bad arguments.
   */
  public static int importLog(
      Path dataDir, String project, Path root, Path file, Optional<String> logType, PrintStream out) {
    LogImporter.Report report;
    try (OfflineData d = OfflineData.open(dataDir, false)) {
      report =
          LogImporter.run(
              d.log, d.codec, new LogImporter.Options(project, root, file, logType),
              new MarkdownDocs(), "", "import-" + Long.toHexString(System.nanoTime()));
    } catch (IllegalArgumentException e) {
      System.err.println("scribe import: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("scribe import: " + e.getMessage());
      return 1;
    }
    report.summary().forEach(out::println);
    return report.unparsable().isEmpty() ? 0 : 1;
  }

  /**
   * Prints project {@code project}'s logs as the Markdown view renders them from the log (in
   * memory: the repository is not touched): every live file preceded by {@code ==> path <==}, or
   * with {@code logType} just that file's bytes.
   */
  public static int exportMarkdown(
      Path dataDir, String project, Optional<String> logType, PrintStream out) {
    try (OfflineData d = OfflineData.open(dataDir, true)) {
      MemoryLogFiles files = new MemoryLogFiles();
      MarkdownView view = new MarkdownView(files);
      d.log.forEach(
          1,
          e -> {
            try {
              view.apply(d.codec.toRecorded(e));
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
          });
      List<String> live = view.liveFiles(project);
      if (live.isEmpty()) {
        System.err.println("scribe export: no project '" + project + "' in " + dataDir);
        return 1;
      }
      if (logType.isPresent()) {
        Optional<LogType> t = LogType.parse(logType.get());
        if (t.isEmpty()) {
          System.err.println("scribe export: unknown --log-type '" + logType.get() + "'");
          return 2;
        }
        String path = view.current(project, t.get().wireName()).orElseThrow().logPath();
        Optional<byte[]> bytes = files.read(path);
        if (bytes.isEmpty()) {
          System.err.println("scribe export: project '" + project + "' has no " + t.get().wireName() + " log yet");
          return 1;
        }
        out.write(bytes.get(), 0, bytes.get().length);
        out.flush();
        return 0;
      }
      for (String path : live) {
        out.println("==> " + path + " <==");
        byte[] b = files.read(path).orElseThrow();
        out.write(b, 0, b.length);
        out.println();
      }
      out.flush();
      return 0;
    }
  }
}
