package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failed tool call becomes an error code. Immutable; {@link #with} returns an
 * extended copy, so the composition root can add domain exceptions without this module knowing them.
 *
 * <p>Lookup: {@link CompletionException} and {@link ExecutionException} wrappers are removed, a
 * {@link ToolException} carries its own code, otherwise the nearest mapped superclass wins and
 * anything unmapped is {@value #INTERNAL_ERROR}.
 */
public final class ErrorTable {
  /** Arguments failed the tool's input schema (before the handler ran). */
  public static final String INVALID_ARGUMENTS = "invalid_arguments";

  public static final String INVALID_ARGUMENT = "invalid_argument";
  public static final String NOT_FOUND = "not_found";
  public static final String FAILED_PRECONDITION = "failed_precondition";
  public static final String PERMISSION_DENIED = "permission_denied";
  public static final String UNSUPPORTED = "unsupported";
  public static final String TIMEOUT = "timeout";
  public static final String INTERNAL_ERROR = "internal_error";

  private final Map<Class<? extends Throwable>, String> codes;

  private ErrorTable(Map<Class<? extends Throwable>, String> codes) {
    this.codes = Map.copyOf(codes);
  }

  /** The standard table. */
  public static ErrorTable standard() {
    Map<Class<? extends Throwable>, String> m = new LinkedHashMap<>();
    m.put(IllegalArgumentException.class, INVALID_ARGUMENT);
    m.put(NoSuchElementException.class, NOT_FOUND);
    m.put(IllegalStateException.class, FAILED_PRECONDITION);
    m.put(SecurityException.class, PERMISSION_DENIED);
    m.put(UnsupportedOperationException.class, UNSUPPORTED);
    m.put(TimeoutException.class, TIMEOUT);
    return new ErrorTable(m);
  }

  /** A copy that also maps {@code type} (and its subclasses) to {@code code}. */
  public ErrorTable with(Class<? extends Throwable> type, String code) {
    Map<Class<? extends Throwable>, String> m = new LinkedHashMap<>(codes);
    m.put(requireNonNull(type, "type"), requireNonNull(code, "code"));
    return new ErrorTable(m);
  }

  /** The failure result for {@code error}. */
  public ToolResult.Failure map(Throwable error) {
    Throwable t = unwrap(error);
    if (t instanceof ToolException te) {
      return new ToolResult.Failure(te.code(), te.getMessage(), te.details().deepCopy());
    }
    String code = codeOf(t);
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (INTERNAL_ERROR.equals(code)) {
      message = "Internal error: " + message;
    }
    return new ToolResult.Failure(code, message, McpJson.object());
  }

  /** True if {@code error} has no mapping (a bug rather than an expected failure). */
  public boolean isUnexpected(Throwable error) {
    Throwable t = unwrap(error);
    return !(t instanceof ToolException) && INTERNAL_ERROR.equals(codeOf(t));
  }

  private String codeOf(Throwable t) {
    for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      String code = codes.get(c);
      if (code != null) {
        return code;
      }
    }
    return INTERNAL_ERROR;
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
