package dev.scribe.transport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The suite's client over Streamable HTTP: one POST per message, the session id echoed. */
public final class HttpMcpClient implements McpTestClient {
  private final HttpMcp http;
  private volatile String sessionId;
  private final List<JsonNode> notifications = new ArrayList<>();

  public HttpMcpClient(HttpMcp http) {
    this.http = http;
  }

  public String sessionId() {
    return sessionId;
  }

  private Map<String, String> headers() {
    return sessionId == null
        ? HttpMcp.headers("Accept", HttpMcp.ACCEPT_BOTH, "Content-Type", "application/json")
        : HttpMcp.headers(
            "Accept", HttpMcp.ACCEPT_BOTH,
            "Content-Type", "application/json",
            "Mcp-Session-Id", sessionId,
            "MCP-Protocol-Version", "2025-11-25");
  }

  @Override
  public CompletableFuture<Optional<JsonNode>> request(String json) {
    return http.postAsync(json, headers())
        .thenApply(
            reply -> {
              if (reply.header("Mcp-Session-Id") != null && sessionId == null) {
                sessionId = reply.header("Mcp-Session-Id");
              }
              if (reply.status() == 204) {
                return Optional.empty();
              }
              JsonNode response = null;
              for (JsonNode m : reply.messages()) {
                if (m.has("id") && (m.has("result") || m.has("error"))) {
                  response = m;
                } else {
                  synchronized (this) {
                    notifications.add(m);
                  }
                }
              }
              if (response == null) {
                throw new AssertionError("HTTP " + reply.status() + " without a response: " + reply.body());
              }
              return Optional.of(response);
            });
  }

  @Override
  public void notify(String json) {
    HttpMcp.Reply r = http.post(json, headers());
    if (r.status() != 202) {
      throw new AssertionError("notification answered " + r.status() + ": " + r.body());
    }
  }

  @Override
  public synchronized List<JsonNode> notifications() {
    return List.copyOf(notifications);
  }

  @Override
  public void close() {}
}
