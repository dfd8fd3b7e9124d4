package dev.scribe.cli;

import dev.scribe.server.sentinel.SentinelImporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import-sentinel",
    description = {
      "Import a sentinel JSONL file the Python Scribe server wrote (.scribe/sentinel/<day>/",
      "sentinel.jsonl, bug.jsonl or security.jsonl) into the event log: one event per line, every",
      "field kept, so the repository's daily files render back byte for byte. Importing the same",
      "file again writes nothing new; lines that cannot be imported without loss are listed with",
      "their numbers (exit 1). Run it while no server uses the data directory."
    })
final class ImportSentinelCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository the file belongs to.")
  Path repo;

  @Parameters(paramLabel = "FILE.jsonl", description = "The sentinel JSONL file to import.")
  Path file;

  @Override
  public Integer call() {
    return SentinelImporter.importFile(data.dir, repo, file, System.out);
  }
}
