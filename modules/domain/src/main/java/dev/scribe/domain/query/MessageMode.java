package dev.scribe.domain.query;

import java.util.Locale;

/** How {@code message} is compared with an entry's whole message. */
public enum MessageMode {
  /** The message contains the text. */
  SUBSTRING,
  /** {@link java.util.regex.Matcher#find()} of the text as a Java regex, anywhere in the message. */
  REGEX,
  /** The whole message equals the text. */
  EXACT;

  /** {@code substring}, {@code regex}, {@code exact}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "substring, regex, exact", for error messages. */
  public static String allowed() {
    return "substring, regex, exact";
  }

  /**
   * The mode with this wire name (exact, lower-case as documented; surrounding blanks ignored).
   *
   * @throws InvalidQueryException naming the value and the allowed modes
   */
  public static MessageMode parse(String value) {
    for (MessageMode m : values()) if (m.wireName().equals(value.trim())) return m;
    throw new InvalidQueryException(
        "message_mode",
        value,
        "Invalid message_mode '" + value + "': expected one of " + allowed() + ".");
  }
}
