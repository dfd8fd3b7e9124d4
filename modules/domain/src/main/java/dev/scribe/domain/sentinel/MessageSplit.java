package dev.scribe.domain.sentinel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code append_event}'s {@code auto_split}: a message is split on the delimiter into one event
 * per non-blank part (B24: {@code "a\nb"} gives two events). Parts are kept exactly, blank ones
 * dropped; without auto_split the message is one event whatever it contains.
 */
public final class MessageSplit {
  private MessageSplit() {}

  public static List<String> split(String message, boolean autoSplit, String delimiter) {
    if (!autoSplit || delimiter.isEmpty()) return List.of(message);
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = message.indexOf(delimiter, from);
      String part = at < 0 ? message.substring(from) : message.substring(from, at);
      if ("\n".equals(delimiter) && part.endsWith("\r")) part = part.substring(0, part.length() - 1);
      if (!part.isBlank()) out.add(part);
      if (at < 0) break;
      from = at + delimiter.length();
    }
    return out;
  }
}
