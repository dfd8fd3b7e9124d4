package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one inbound payload (an HTTP body or a stdio line) decoded to. */
public sealed interface Inbound {

  /** The messages that were well formed, in order. */
  List<JsonRpcMessage> messages();

  /** True if at least one message expects a response. */
  default boolean hasRequests() {
    for (JsonRpcMessage m : messages()) {
      if (m instanceof JsonRpcRequest) {
        return true;
      }
    }
    return false;
  }

  /** True if some message is a request for {@code method}. */
  default boolean hasRequest(String method) {
    for (JsonRpcMessage m : messages()) {
      if (m instanceof JsonRpcRequest r && r.method().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Nothing usable: not JSON, an empty batch, or a single message that is not valid JSON-RPC. The
   * error (with the request's id when it could be read) is the whole answer.
   */
  record Rejected(JsonRpcResponse.Error error) implements Inbound {
    public Rejected {
      requireNonNull(error, "error");
    }

    @Override
    public List<JsonRpcMessage> messages() {
      return List.of();
    }
  }

  /** One message. */
  record Single(JsonRpcMessage message) implements Inbound {
    public Single {
      requireNonNull(message, "message");
    }

    @Override
    public List<JsonRpcMessage> messages() {
      return List.of(message);
    }
  }

  /**
   * A JSON array (2025-03-26 only). Elements that are not valid messages are answered with the
   * errors in {@code invalid}, inside the batch response.
   */
  record Batch(List<JsonRpcMessage> messages, List<JsonRpcResponse.Error> invalid)
      implements Inbound {
    public Batch {
      messages = List.copyOf(messages);
      invalid = List.copyOf(invalid);
    }
  }
}
