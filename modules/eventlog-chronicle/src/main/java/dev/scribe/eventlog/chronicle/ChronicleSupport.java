package dev.scribe.eventlog.chronicle;

/** Chronicle settings every entry point of this module applies before touching Chronicle. */
final class ChronicleSupport {
  static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";

  private ChronicleSupport() {}

  /**
   * Chronicle sends usage analytics unless told not to; launchers pass the flag, and this is the
   * defence in depth for any that forget. Must run before Chronicle's classes initialise.
   */
  static void disableAnalytics() {
    if (System.getProperty(ANALYTICS_PROPERTY) == null) {
      System.setProperty(ANALYTICS_PROPERTY, "true");
    }
  }
}
