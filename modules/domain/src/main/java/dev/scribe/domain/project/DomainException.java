package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A decision refused a command: a stable snake_case {@link #code} a client can branch on and a
 * message that says what to do. Nothing was decided, so nothing is written.
 *
 * @see Codes
 */
public final class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final List<String> errors;

  public DomainException(String code, String message) {
    this(code, message, List.of());
  }

  /**
   * @param errors itemised reasons, for tools whose clients expect an {@code errors} list
   *     ({@code delete_project})
   */
  public DomainException(String code, String message, List<String> errors) {
    super(requireNonNull(message, "message"), null, false, false);
    this.code = requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
  }

  public String code() {
    return code;
  }

  public List<String> errors() {
    return errors;
  }

  /** The error codes deciders use (docs/tools-design.md §2). */
  public static final class Codes {
    public static final String INVALID_ARGUMENT = "invalid_argument";
    public static final String NO_PROJECT_BOUND = "no_project_bound";
    public static final String PROJECT_NOT_FOUND = "project_not_found";
    public static final String PROJECT_DELETED = "project_deleted";
    public static final String CONFLICT = "conflict";
    public static final String MISSING_METADATA = "missing_metadata";
    public static final String CONFIRMATION_REQUIRED = "confirmation_required";

    private Codes() {}
  }
}
