package dev.scribe.cli;

import dev.scribe.server.ops.Operations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", description = "Verify the hash chain and projection checkpoints; exit 1 on damage.")
final class VerifyCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Override
  public Integer call() {
    return Operations.verify(data.dir, System.out);
  }
}
