package dev.scribe.cli;

import dev.scribe.server.ops.Operations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", description = "Print one session's calls and events, in order.")
final class ReplayCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--session", required = true, paramLabel = "ID", description = "The session id.")
  String session;

  @Option(names = "--json", description = "One JSON envelope per line instead of text.")
  boolean json;

  @Override
  public Integer call() {
    return Operations.replay(data.dir, session, json, System.out);
  }
}
