package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The client answered a server-to-client request with a JSON-RPC error (a declined sampling
 * request, an unknown method...). A {@link ToolException} with code {@value #CODE}, so a tool that
 * lets it escape fails with an {@code isError} result that says what the client answered.
 */
public final class ClientRequestException extends ToolException {
  private static final long serialVersionUID = 1L;

  public static final String CODE = "client_error";

  private final int rpcCode;

  public ClientRequestException(String method, int rpcCode, String message, @Nullable JsonNode data) {
    super(
        CODE,
        "The client answered " + method + " with error " + rpcCode + ": " + message,
        details(rpcCode, message, data));
    this.rpcCode = rpcCode;
  }

  /** The JSON-RPC error code the client sent. */
  public int rpcCode() {
    return rpcCode;
  }

  private static ObjectNode details(int code, String message, @Nullable JsonNode data) {
    ObjectNode d = McpJson.object();
    ObjectNode e = d.putObject("clientError");
    e.put("code", code).put("message", message);
    if (data != null) {
      e.set("data", data);
    }
    return d;
  }
}
