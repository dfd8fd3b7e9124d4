package dev.scribe.domain.entry;

import java.util.Locale;

/** How names become directory names. */
public final class Slugs {
  private Slugs() {}

  /**
   * The docs directory name of a project (reference §2.6): lower case; spaces and hyphens become
   * {@code _}; any other run of characters outside {@code [0-9a-z_]} becomes {@code _}; trimmed of
   * {@code _}; empty becomes {@code project}. "IMPLEMENTATION TESTING" → {@code
   * implementation_testing}.
   */
  public static String docsSlug(String projectName) {
    String s = projectName.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    s = s.replaceAll("[^0-9a-z_]+", "_");
    s = s.replaceAll("^_+", "").replaceAll("_+$", "");
    return s.isEmpty() ? "project" : s;
  }
}
