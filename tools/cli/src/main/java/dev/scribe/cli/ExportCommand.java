package dev.scribe.cli;

import dev.scribe.server.ops.MarkdownTransfer;
import dev.scribe.server.ops.Operations;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Export events as JSON lines, or a project's logs as Markdown.")
final class ExportCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--project", paramLabel = "P", description = "Only this project.")
  String project;

  @Option(names = "--format", required = true, description = "jsonl or markdown.")
  String format;

  @Option(
      names = "--log-type",
      paramLabel = "TYPE",
      description = "markdown: only this log (progress, bugs, security, doc_updates, global), raw.")
  String logType;

  @Override
  public Integer call() {
    return switch (format) {
      case "jsonl" -> Operations.exportJsonl(data.dir, Optional.ofNullable(project), System.out);
      case "markdown" -> {
        if (project == null) {
          System.err.println("scribe export: --format markdown needs --project P");
          yield 2;
        }
        yield MarkdownTransfer.exportMarkdown(
            data.dir, project, Optional.ofNullable(logType), System.out);
      }
      default -> {
        System.err.println("scribe export: unknown --format '" + format + "' (jsonl or markdown)");
        yield 2;
      }
    };
  }
}
