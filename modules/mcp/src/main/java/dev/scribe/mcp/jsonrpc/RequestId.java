package dev.scribe.mcp.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;

/**
 * A JSON-RPC request id: a string or an integer, never null (MCP forbids null ids). Ids are unique
 * only within one session, so in-flight work is keyed by (session, id), never by id alone.
 */
public sealed interface RequestId {

  /** The id as it goes back on the wire. */
  JsonNode toJson();

  /** A string id. */
  record Text(String value) implements RequestId {
    public Text {
      requireNonNull(value, "value");
    }

    @Override
    public JsonNode toJson() {
      return TextNode.valueOf(value);
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** An integer id; {@code 1} and {@code 1.0} are not the same id, {@code 1.5} is not an id. */
  record Number(long value) implements RequestId {
    @Override
    public JsonNode toJson() {
      return LongNode.valueOf(value);
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  static RequestId of(String value) {
    return new Text(value);
  }

  static RequestId of(long value) {
    return new Number(value);
  }

  /** Reads an id (or a progress token, which has the same shape); empty if the node is no id. */
  static Optional<RequestId> from(JsonNode node) {
    if (node.isTextual()) {
      return Optional.of(new Text(node.textValue()));
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Optional.of(new Number(node.longValue()));
    }
    return Optional.empty();
  }
}
