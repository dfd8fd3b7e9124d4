package dev.scribe.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import an existing Scribe PROGRESS_LOG.md (or BUG/SECURITY/DOC log) into the event log.")
final class ImportCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--project", required = true, paramLabel = "P", description = "Project name.")
  String project;

  @Option(names = "--root", required = true, paramLabel = "DIR", description = "The project's repository root.")
  Path root;

  @Parameters(paramLabel = "FILE.md", description = "The log file to import.")
  Path file;

  @Override
  public Integer call() {
    System.err.println("scribe import: not available yet");
    return 2;
  }
}
