package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A response from the peer to a request we sent (a result or an error). */
public sealed interface JsonRpcResponse extends JsonRpcMessage {

  /** A successful response. */
  record Result(RequestId id, JsonNode result) implements JsonRpcResponse {
    public Result {
      requireNonNull(id, "id");
      requireNonNull(result, "result");
    }
  }

  /**
   * An error response.
   *
   * @param id null when the request's id could not be read
   */
  record Error(@Nullable RequestId id, int code, String message, @Nullable JsonNode data)
      implements JsonRpcResponse {
    public Error {
      requireNonNull(message, "message");
    }
  }
}
