package dev.scribe.transport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A raw MCP client for the behaviour suite: JSON text out, parsed messages in. */
public interface McpTestClient extends AutoCloseable {

  /**
   * Sends a request; completes with its response, or empty when the server ended the exchange
   * without one (only HTTP can tell).
   */
  CompletableFuture<Optional<JsonNode>> request(String json);

  /** Sends a notification. */
  void notify(String json);

  /** Every notification received so far, in order. */
  List<JsonNode> notifications();

  @Override
  void close();

  default JsonNode call(String json) throws Exception {
    return request(json)
        .get(30, TimeUnit.SECONDS)
        .orElseThrow(() -> new AssertionError("no response to " + json));
  }

  /** initialize + notifications/initialized; returns the initialize result. */
  default JsonNode initialize(String version) throws Exception {
    JsonNode r =
        call(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"suite\",\"version\":\"1.0\"}}}");
    notify("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return r;
  }
}
