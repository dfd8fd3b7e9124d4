package dev.scribe.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one wording of "this argument has a value we refuse", shared by the tools' argument readers
 * (query errors keep their own format, with {@link #shown} for the value).
 */
public final class InvalidValues {
  /** Longest value shown in a message; a longer one is cut with "...". */
  private static final int SHOWN = 200;

  private InvalidValues() {}

  /** {@code Invalid <name> '<value>': <what>.}, the value as {@link #shown}. */
  public static String message(String name, JsonNode value, String what) {
    return "Invalid " + name + " '" + shown(value) + "': " + what + ".";
  }

  /** A refused value as a message shows it: a text value bare, anything else as JSON, cut short. */
  public static String shown(JsonNode value) {
    String shown = value.isTextual() ? value.textValue() : value.toString();
    return shown.length() > SHOWN ? shown.substring(0, SHOWN - 3) + "..." : shown;
  }
}
