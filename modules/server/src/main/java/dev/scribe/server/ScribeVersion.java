package dev.scribe.server;

/** The version this build reports in {@code initialize} and {@code server.json}. */
public final class ScribeVersion {
  public static final String VERSION = "0.1.0";

  private ScribeVersion() {}
}
