package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

/**
 * A query argument that cannot be accepted. The message names the parameter and the bad value and
 * says what is allowed; tools answer it as an {@code invalid_argument} error and write nothing.
 */
public final class InvalidQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String value;

  public InvalidQueryException(String parameter, String value, String message) {
    super(requireNonNull(message, "message"), null, false, false);
    this.parameter = requireNonNull(parameter, "parameter");
    this.value = requireNonNull(value, "value");
  }

  /** The argument's name, e.g. {@code message_mode}. */
  public String parameter() {
    return parameter;
  }

  /** The rejected value as the caller gave it. */
  public String value() {
    return value;
  }
}
