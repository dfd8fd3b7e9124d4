package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A request: expects exactly one response with the same id.
 *
 * @param params the {@code params} member as sent (an object for every MCP method), or null when
 *     absent
 */
public record JsonRpcRequest(RequestId id, String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  public JsonRpcRequest {
    requireNonNull(id, "id");
    requireNonNull(method, "method");
  }
}
