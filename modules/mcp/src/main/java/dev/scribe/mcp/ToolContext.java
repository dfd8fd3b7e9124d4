package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a running tool may do besides returning: report progress, log to the client, notice
 * cancellation, ask the client (sampling, elicitation). Every method is thread-safe and never
 * blocks; messages go only to the session and request that made the call.
 */
public interface ToolContext {

  /** How long {@link #createMessage} and {@link #elicit} wait for the client (a human may be involved). */
  Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Sends {@code notifications/progress} if the request carried a {@code progressToken}. Values
   * that do not increase, and anything after the call finished or was cancelled, are dropped.
   */
  void progress(double progress);

  void progress(double progress, double total);

  void progress(double progress, double total, String message);

  /**
   * Sends {@code notifications/message} if {@code level} is at least the session's level ({@code
   * logging/setLevel}; {@code info} until the client sets one).
   */
  void log(LogLevel level, String logger, JsonNode data);

  /** {@link #log(LogLevel, String, JsonNode)} with a text and the tool's name as logger. */
  void log(LogLevel level, String message);

  /** True once the client cancelled the request or the session ended. */
  boolean isCancelled();

  /**
   * Runs {@code action} once when the call is cancelled (immediately, on the calling thread, if it
   * already is). Actions must be quick and must not throw.
   */
  void onCancel(Runnable action);

  /** The client's {@code clientInfo}. */
  ClientInfo clientInfo();

  /** The session's negotiated protocol version. */
  String protocolVersion();

  /** What the client declared in {@code initialize}. */
  default ClientCapabilities clientCapabilities() {
    return ClientCapabilities.NONE;
  }

  /**
   * Sends a request to the client, related to this call: on the call's response stream (an SSE
   * answer to the POST), or on the session's GET stream if the call's answer cannot carry it. The
   * stage completes, on the server's executor, with the client's {@code result}, or fails with
   * {@link ClientRequestException} (the client answered an error), {@link
   * java.util.concurrent.TimeoutException} (no answer in time; the client is sent {@code
   * notifications/cancelled}), {@link java.util.concurrent.CancellationException} (the call was
   * cancelled or the session ended) or {@link UnsupportedOperationException} (nothing can carry a
   * request to this client).
   */
  default CompletionStage<JsonNode> request(String method, ObjectNode params, Duration timeout) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this context cannot send requests to the client"));
  }

  /**
   * {@code sampling/createMessage}: asks the client's model for a completion ({@code params} as
   * in the schema: messages, maxTokens...). Fails with {@link UnsupportedOperationException} if
   * the client did not declare {@code sampling}.
   */
  default CompletionStage<JsonNode> createMessage(ObjectNode params) {
    if (!clientCapabilities().sampling()) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("The client does not support sampling (no sampling capability)"));
    }
    return request("sampling/createMessage", params, CLIENT_REQUEST_TIMEOUT);
  }

  /**
   * {@code elicitation/create} (form mode): asks the user to fill in {@code requestedSchema} (a
   * flat object schema of primitive properties). Fails with {@link UnsupportedOperationException}
   * if the client did not declare {@code elicitation}.
   */
  default CompletionStage<ElicitResult> elicit(String message, ObjectNode requestedSchema) {
    if (!clientCapabilities().elicitation()) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("The client does not support elicitation (no elicitation capability)"));
    }
    ObjectNode params = McpJson.object().put("message", message);
    params.set("requestedSchema", requestedSchema);
    return request("elicitation/create", params, CLIENT_REQUEST_TIMEOUT).thenApply(ElicitResult::fromJson);
  }
}
