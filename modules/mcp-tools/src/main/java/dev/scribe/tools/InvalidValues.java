package dev.scribe.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** The one wording of "this argument has a value we refuse", shared by the tools' argument readers. */
public final class InvalidValues {
  /** Longest value shown in a message; a longer one is cut with "...". */
  private static final int SHOWN = 200;

  private InvalidValues() {}

  /** {@code Invalid <name> '<value>': <what>.}, a text value shown bare, anything else as JSON. */
  public static String message(String name, JsonNode value, String what) {
    String shown = value.isTextual() ? value.textValue() : value.toString();
    if (shown.length() > SHOWN) shown = shown.substring(0, SHOWN - 3) + "...";
    return "Invalid " + name + " '" + shown + "': " + what + ".";
  }
}
