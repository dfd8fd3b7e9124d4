package dev.scribe.domain.entry;

/** Agent display names (data, never identity). */
public final class Agents {
  /** The agent of an entry with no agent argument and no project default. */
  public static final String DEFAULT = "Scribe";

  private Agents() {}

  /**
   * Removes {@code [}, {@code ]} and {@code |} (they would break the line), turns line breaks into
   * spaces and trims; an empty result becomes {@link #DEFAULT}.
   */
  public static String sanitize(String agent) {
    String a =
        agent.replace("[", "").replace("]", "").replace("|", "").replace('\n', ' ')
            .replace('\r', ' ').trim();
    return a.isEmpty() ? DEFAULT : a;
  }
}
