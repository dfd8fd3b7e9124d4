package dev.scribe.cli;

import dev.scribe.server.ScribeVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"scribe " + ScribeVersion.VERSION};
  }
}
