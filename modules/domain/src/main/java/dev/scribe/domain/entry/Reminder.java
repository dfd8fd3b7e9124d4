package dev.scribe.domain.entry;

import static java.util.Objects.requireNonNull;

/**
 * A nudge returned with a result (reference §3.6 step 7): what the caller could add next time.
 * Shape as the Python server's, e.g. {@code {level:"info", score:300, emoji:"🧠",
 * category:"teaching", message:"…", tone:"neutral"}}.
 */
public record Reminder(
    String level, int score, String emoji, String category, String message, String tone) {
  public Reminder {
    requireNonNull(level, "level");
    requireNonNull(emoji, "emoji");
    requireNonNull(category, "category");
    requireNonNull(message, "message");
    requireNonNull(tone, "tone");
  }

  /** The reminder of a tee that was wanted but lacked its required meta. */
  public static Reminder missingTeeMeta(LogType type) {
    String example =
        switch (type) {
          case BUGS -> "severity=high, component=auth, status=open";
          case SECURITY -> "severity=high, area=auth, impact=token exposure";
          case DOC_UPDATES -> "doc=ARCHITECTURE_GUIDE, section=overview, action=update";
          default -> "project=<name>, entry_type=milestone";
        };
    return new Reminder(
        "info",
        300,
        "🧠",
        "teaching",
        "To also write this entry to `" + type.wireName()
            + "` log, include required meta keys: " + String.join(", ", type.requiredMeta())
            + " (example: " + example + ").",
        "neutral");
  }
}
