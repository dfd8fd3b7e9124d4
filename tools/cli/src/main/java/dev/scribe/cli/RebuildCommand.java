package dev.scribe.cli;

import dev.scribe.server.ops.Operations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rebuild", description = "Drop and rebuild every projection from the log.")
final class RebuildCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Override
  public Integer call() {
    return Operations.rebuild(data.dir, System.out);
  }
}
