package dev.scribe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tools/scribe}: thin command facades over the server module's APIs. Logs go to stderr;
 * stdout carries only the command's output (MCP messages for {@code stdio}).
 */
@Command(
    name = "scribe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scribe: an append-only, auditable work log for AI coding agents (MCP server).",
    subcommands = {
      ServeCommand.class,
      StdioCommand.class,
      ReplayCommand.class,
      VerifyCommand.class,
      RebuildCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      ImportSentinelCommand.class
    })
public final class ScribeMain implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (1 = damage or failure, 2 = usage). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new ScribeMain());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("scribe " + cmd.getCommandName() + ": " + message(e));
          return 1;
        });
    return cli.execute(args);
  }

  static String message(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t instanceof IllegalStateException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
