package dev.scribe.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command. */
final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: ./.scribe-data).",
      defaultValue = ".scribe-data")
  Path dir;
}
