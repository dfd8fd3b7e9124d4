package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A protocol fault that becomes a JSON-RPC error response (never an {@code isError} result). */
public final class JsonRpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final transient @Nullable JsonNode data;

  public JsonRpcException(int code, String message) {
    this(code, message, null);
  }

  public JsonRpcException(int code, String message, @Nullable JsonNode data) {
    super(requireNonNull(message, "message"), null, false, false);
    this.code = code;
    this.data = data;
  }

  public static JsonRpcException invalidParams(String message) {
    return new JsonRpcException(ErrorCodes.INVALID_PARAMS, message);
  }

  public int code() {
    return code;
  }

  public Optional<JsonNode> data() {
    return Optional.ofNullable(data);
  }
}
