package dev.scribe.domain.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code append_entry}'s {@code auto_split} (reference §3.6, B37; INTENDED, unlike the Python
 * project-mode path that never split): a message is split on the delimiter into one entry per
 * non-blank part; parts are kept exactly (a {@code \r} before a {@code \n} delimiter is dropped),
 * and each part's status and leading emoji may be detected from its text when the caller gave
 * neither.
 */
public final class AutoSplit {
  private static final Pattern ERROR =
      Pattern.compile("^error:|\\bfail\\w*|\\bexception\\b|\\btraceback\\b");
  private static final Pattern WARN = Pattern.compile("^warning:|\\bwarn\\w*|\\bcaution\\b");
  private static final Pattern SUCCESS =
      Pattern.compile(
          "^success:|^fix:|\\b(complete|completed|done|finished|fixed|resolved|patched)\\b");

  private AutoSplit() {}

  /** The non-blank parts of {@code message} (all of it, as one part, when nothing splits). */
  public static List<String> parts(String message, String delimiter) {
    if (delimiter.isEmpty()) return List.of(message);
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

  /**
   * The status a line's words suggest: {@code error:}/fail…/exception/traceback → error; {@code
   * warning:}/warn…/caution → warn; {@code success:}/{@code fix:}/complete(d)/done/finished/
   * fixed/resolved/patched → success (first match in that order).
   */
  public static Optional<Status> detectStatus(String line) {
    String l = line.strip().toLowerCase(Locale.ROOT);
    if (ERROR.matcher(l).find()) return Optional.of(Status.ERROR);
    if (WARN.matcher(l).find()) return Optional.of(Status.WARN);
    if (SUCCESS.matcher(l).find()) return Optional.of(Status.SUCCESS);
    return Optional.empty();
  }

  /**
   * A line that starts with a lone non-ASCII symbol (one code point, optionally followed by the
   * emoji variation selector U+FE0F) and more text: that symbol and the rest of the line.
   */
  public static Optional<String[]> leadingEmoji(String line) {
    String s = line.stripLeading();
    int space = -1;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        space = i;
        break;
      }
    }
    if (space <= 0) return Optional.empty();
    String token = s.substring(0, space);
    String rest = s.substring(space).strip();
    if (rest.isEmpty()) return Optional.empty();
    int cp = token.codePointAt(0);
    int len = Character.charCount(cp);
    if (token.length() > len && !(token.length() == len + 1 && token.charAt(len) == '\uFE0F')) {
      return Optional.empty();
    }
    if (cp < 0x80 || Character.isLetterOrDigit(cp)) return Optional.empty();
    return Optional.of(new String[] {token, rest});
  }
}
