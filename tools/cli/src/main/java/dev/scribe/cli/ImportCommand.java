package dev.scribe.cli;

import dev.scribe.server.ops.MarkdownTransfer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = {
      "Import an existing Scribe PROGRESS_LOG.md (or BUG/SECURITY/DOC/GLOBAL log) into the event log.",
      "Every entry line becomes an entry with its own time, agent, emoji and metadata; header text,",
      "code fences and blank lines are counted and skipped; unparsable lines are listed with their",
      "numbers (exit 1). Importing the same file again writes nothing new. Run it while no server",
      "uses the data directory."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--project", required = true, paramLabel = "P", description = "Project name (registered if new).")
  String project;

  @Option(names = "--root", required = true, paramLabel = "DIR", description = "The project's repository root.")
  Path root;

  @Option(
      names = "--log-type",
      paramLabel = "TYPE",
      description = "progress, bugs, security, doc_updates or global (default: from the file name).")
  String logType;

  @Parameters(paramLabel = "FILE.md", description = "The log file to import.")
  Path file;

  @Override
  public Integer call() {
    return MarkdownTransfer.importLog(
        data.dir, project, root, file, Optional.ofNullable(logType), System.out);
  }
}
