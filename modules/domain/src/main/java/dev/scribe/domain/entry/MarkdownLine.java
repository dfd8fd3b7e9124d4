package dev.scribe.domain.entry;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.MetaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Markdown line of a project log entry, exactly as the Python Scribe server writes it
 * (reference §2.3):
 *
 * <pre>[emoji] [timestamp] [Agent: agent] [Project: project] message | k1=v1; k2=v2</pre>
 *
 * <p>Scribe stores messages exactly as given; only rendering escapes what would break the line:
 * a newline becomes {@code \n}, a carriage return {@code \r}, a pipe {@code \|}, and a backslash
 * that precedes one of {@code n r | \} is doubled. Any other backslash is left alone, so ordinary
 * messages render byte for byte as before. {@link #unescapeMessage} reverses it.
 *
 * @param entryId rendered as {@code [ID: …]} after the project when present (imported lines may
 *     carry one; Scribe's own lines do not, as in the Python server's live path)
 */
public record MarkdownLine(
    String emoji,
    String timestamp,
    String agent,
    String project,
    @Nullable String entryId,
    String message,
    List<MetaPair> meta) {

  private static final Pattern LINE =
      Pattern.compile(
          "^\\[([^\\]]+)\\]\\s+\\[([^\\]]+)\\]\\s+\\[Agent: ([^\\]]*)\\]\\s+\\[Project: ([^\\]]*)\\]"
              + "(?:\\s+\\[ID: ([^\\]]+)\\])?\\s+(.*?)(?:\\s+\\|\\s+(.*))?$");

  /** A new pair starts after "; " only where a plausible key and '=' follow. */
  private static final Pattern PAIR_START = Pattern.compile("^([^\\s=;\"'{}\\[\\],]+)=");

  public MarkdownLine {
    requireNonNull(emoji, "emoji");
    requireNonNull(timestamp, "timestamp");
    requireNonNull(agent, "agent");
    requireNonNull(project, "project");
    requireNonNull(message, "message");
    meta = List.copyOf(requireNonNull(meta, "meta"));
  }

  /** The line, without a trailing newline. */
  public String render() {
    StringBuilder b = new StringBuilder(128 + message.length());
    b.append('[').append(emoji).append("] [").append(timestamp).append("] [Agent: ")
        .append(agent).append("] [Project: ").append(project).append(']');
    if (entryId != null) b.append(" [ID: ").append(entryId).append(']');
    b.append(' ').append(escapeMessage(message));
    if (!meta.isEmpty()) {
      b.append(" | ");
      for (int i = 0; i < meta.size(); i++) {
        if (i > 0) b.append("; ");
        b.append(meta.get(i).key()).append('=').append(meta.get(i).value());
      }
    }
    return b.toString();
  }

  /**
   * Parses a line of the grammar above. Meta is split on "; " where a {@code key=} follows, so
   * values that themselves contain "; " (common in real logs) stay whole and the line renders back
   * unchanged. The message is taken as written (not unescaped): lines written by the Python server
   * never escaped anything.
   */
  public static Optional<MarkdownLine> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) return Optional.empty();
    String meta = m.group(7);
    return Optional.of(
        new MarkdownLine(
            m.group(1),
            m.group(2),
            m.group(3),
            m.group(4),
            m.group(5),
            m.group(6),
            meta == null ? List.of() : parseMeta(meta)));
  }

  /** Splits {@code k1=v1; k2=v2} into pairs, keeping "; " inside values that are not a new pair. */
  public static List<MetaPair> parseMeta(String meta) {
    List<MetaPair> pairs = new ArrayList<>();
    String[] chunks = meta.split("; ", -1);
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String chunk : chunks) {
      Matcher km = PAIR_START.matcher(chunk);
      if (km.find()) {
        if (key != null) pairs.add(new MetaPair(key, value.toString()));
        key = km.group(1);
        value.setLength(0);
        value.append(chunk.substring(km.end()));
      } else if (key != null) {
        value.append("; ").append(chunk);
      } else {
        // Text before any key=value: keep it losslessly as a key-less pair.
        key = "";
        value.append(chunk);
      }
    }
    if (key != null) pairs.add(new MetaPair(key, value.toString()));
    return pairs;
  }

  /** Escapes a stored message for its single Markdown line (see the class comment). */
  public static String escapeMessage(String message) {
    StringBuilder b = null;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      String rep =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '|' -> "\\|";
            case '\\' -> needsDoubling(message, i) ? "\\\\" : null;
            default -> null;
          };
      if (rep != null && b == null) b = new StringBuilder(message.length() + 8).append(message, 0, i);
      if (b != null) {
        if (rep != null) b.append(rep);
        else b.append(c);
      }
    }
    return b == null ? message : b.toString();
  }

  /** Reverses {@link #escapeMessage}. */
  public static String unescapeMessage(String rendered) {
    if (rendered.indexOf('\\') < 0) return rendered;
    StringBuilder b = new StringBuilder(rendered.length());
    for (int i = 0; i < rendered.length(); i++) {
      char c = rendered.charAt(i);
      if (c == '\\' && i + 1 < rendered.length()) {
        char n = rendered.charAt(i + 1);
        switch (n) {
          case 'n' -> { b.append('\n'); i++; continue; }
          case 'r' -> { b.append('\r'); i++; continue; }
          case '|' -> { b.append('|'); i++; continue; }
          case '\\' -> { b.append('\\'); i++; continue; }
          default -> { }
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  private static boolean needsDoubling(String s, int i) {
    if (i + 1 >= s.length()) return false;
    // Double it when the next character's rendering starts with a letter unescape would read.
    char n = s.charAt(i + 1);
    return n == 'n' || n == 'r' || n == '|' || n == '\\' || n == '\n' || n == '\r';
  }
}
