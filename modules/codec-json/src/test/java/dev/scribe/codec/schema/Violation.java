package dev.scribe.codec.schema;

import static java.util.Objects.requireNonNull;

/**
 * One way an event does not match its schema.
 *
 * @param path where, as a JSON path into the envelope ({@code $.payload.caseId}, {@code $.hash})
 * @param message what is wrong, in the validator's words
 */
public record Violation(String path, String message) {
  public Violation {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
