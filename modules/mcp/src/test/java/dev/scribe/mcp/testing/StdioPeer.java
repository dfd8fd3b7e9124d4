package dev.scribe.mcp.testing;

import static dev.scribe.mcp.testing.Wire.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpConnection;
import dev.scribe.mcp.McpServer;

/** The client side of an in-memory newline-delimited connection: JSON text in, parsed JSON out. */
public final class StdioPeer {
  public final Wire wire = new Wire();
  public final McpConnection connection;

  public StdioPeer(McpServer server) {
    this.connection = server.connect(wire);
  }

  public void send(String json) {
    connection.receive(utf8(json));
  }

  /** Initializes with {@code capabilities} (a JSON object text) and returns the response. */
  public JsonNode initialize(String capabilities) throws InterruptedException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    JsonNode r = wire.next();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return r;
  }

  /** Sends a request and returns its response (skipping anything sent before it). */
  public JsonNode request(int id, String method, String params) throws InterruptedException {
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
    return wire.next(m -> m.path("id").asInt(-1) == id && !m.has("method"));
  }
}
