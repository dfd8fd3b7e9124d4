package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A notification: no id, and the receiver never answers it. */
public record JsonRpcNotification(String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  public JsonRpcNotification {
    requireNonNull(method, "method");
  }
}
