package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A test on an entry's <em>whole</em> message (newlines included), never on single words.
 *
 * <ul>
 *   <li>{@code substring}: {@code message.contains(text)}; case-insensitively {@code
 *       fold(message).contains(fold(text))} ({@link CaseFold}).
 *   <li>{@code regex}: a Java {@link Pattern} found anywhere ({@code find}, like Python's {@code
 *       re.search}); case-insensitive = {@code CASE_INSENSITIVE | UNICODE_CASE}. An invalid
 *       pattern is an error naming it, never "no results".
 *   <li>{@code exact}: {@code message.equals(text)}; case-insensitively on the folded forms.
 * </ul>
 */
public final class MessageMatch {
  private final String text;
  private final MessageMode mode;
  private final boolean caseSensitive;
  private final String foldedText;
  private final @Nullable Pattern pattern;

  private MessageMatch(String text, MessageMode mode, boolean caseSensitive) {
    this.text = text;
    this.mode = mode;
    this.caseSensitive = caseSensitive;
    this.foldedText = CaseFold.fold(text);
    this.pattern = mode == MessageMode.REGEX ? compile(text, caseSensitive) : null;
  }

  /**
   * A match of {@code text} in {@code mode}.
   *
   * @throws InvalidQueryException for an empty text or an invalid regex (the message echoes the
   *     pattern and says why)
   */
  public static MessageMatch of(String text, MessageMode mode, boolean caseSensitive) {
    requireNonNull(text, "text");
    requireNonNull(mode, "mode");
    if (text.isEmpty()) {
      throw new InvalidQueryException("message", text, "message must not be empty; omit it to match every message.");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i))
              : !Character.isLowSurrogate(c);
      if (!paired) {
        // Half of a character: "contains" would match half of an emoji, which no index can mirror.
        throw new InvalidQueryException(
            "message", text, "message contains an unpaired UTF-16 surrogate at index " + i + ".");
      }
    }
    return new MessageMatch(text, mode, caseSensitive);
  }

  private static Pattern compile(String regex, boolean caseSensitive) {
    try {
      return Pattern.compile(
          regex, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw new InvalidQueryException(
          "message",
          regex,
          "Invalid regex '" + regex + "' for message_mode regex: " + e.getDescription()
              + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + ".");
    }
  }

  public String text() {
    return text;
  }

  public MessageMode mode() {
    return mode;
  }

  public boolean caseSensitive() {
    return caseSensitive;
  }

  /** {@link CaseFold#fold(String) fold(text)}. */
  public String foldedText() {
    return foldedText;
  }

  /** The compiled pattern of a regex match. */
  public Pattern pattern() {
    if (pattern == null) throw new IllegalStateException("not a regex match");
    return pattern;
  }

  /** Whether {@code message} (an entry's whole message) matches. */
  public boolean test(String message) {
    switch (mode) {
      case SUBSTRING:
        return caseSensitive
            ? message.contains(text)
            : CaseFold.fold(message).contains(foldedText);
      case EXACT:
        return caseSensitive
            ? message.equals(text)
            : CaseFold.fold(message).equals(foldedText);
      case REGEX:
        return pattern().matcher(message).find();
      default:
        throw new AssertionError(mode);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageMatch m
        && m.text.equals(text)
        && m.mode == mode
        && m.caseSensitive == caseSensitive;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, mode, caseSensitive);
  }

  @Override
  public String toString() {
    return mode.wireName() + (caseSensitive ? "(case-sensitive)" : "") + ":" + text;
  }
}
