package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** Thrown by a handler to fail the call with a specific code; becomes an {@code isError} result. */
public class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient ObjectNode details;

  public ToolException(String code, String message) {
    this(code, message, McpJson.object(), null);
  }

  public ToolException(String code, String message, ObjectNode details) {
    this(code, message, details, null);
  }

  public ToolException(String code, String message, ObjectNode details, @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
    this.details = requireNonNull(details, "details");
  }

  public String code() {
    return code;
  }

  public ObjectNode details() {
    return details;
  }
}
