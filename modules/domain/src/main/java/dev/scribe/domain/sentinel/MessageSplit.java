package dev.scribe.domain.sentinel;

import dev.scribe.domain.entry.AutoSplit;
import java.util.List;

/**
 * {@code append_event}'s {@code auto_split}: a message is split on the delimiter into one event
 * per non-blank part by the same rule as append_entry's ({@link AutoSplit#parts}; B24: {@code
 * "a\nb"} gives two events). Without auto_split the message is one event whatever it contains.
 */
public final class MessageSplit {
  private MessageSplit() {}

  public static List<String> split(String message, boolean autoSplit, String delimiter) {
    return autoSplit ? AutoSplit.parts(message, delimiter) : List.of(message);
  }
}
