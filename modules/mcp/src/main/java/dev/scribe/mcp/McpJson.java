package dev.scribe.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.JsonRpcDecoder;
import dev.scribe.mcp.jsonrpc.JsonRpcResponse;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The protocol's one Jackson configuration and its message encoders. Output is compact (never
 * pretty-printed), so a message never contains a raw newline: stdio framing relies on that.
 */
public final class McpJson {
  /**
   * Floats are kept as BigDecimal so that recorded arguments keep the digits the client sent; the
   * mapper is otherwise Jackson's default (thread-safe once built).
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private static final JsonRpcDecoder DECODER = new JsonRpcDecoder(MAPPER);

  private McpJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonRpcDecoder decoder() {
    return DECODER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Compact UTF-8 bytes of a tree (or of anything else that writes itself). */
  public static byte[] bytes(JsonSerializable value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compact text of a tree. */
  public static String text(JsonNode node) {
    if (node.isObject() && node.isEmpty()) {
      return "{}"; // the arguments of every call without any: no writer for them
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON object text (tests and schemas); fails if it is not an object. */
  public static ObjectNode parseObject(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (!(node instanceof ObjectNode o)) {
        throw new IllegalArgumentException("not a JSON object: " + json);
      }
      return o;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode resultMessage(RequestId id, JsonNode result) {
    ObjectNode m = object();
    m.put("jsonrpc", "2.0");
    m.set("id", id.toJson());
    m.set("result", result);
    return m;
  }

  static ObjectNode errorMessage(@Nullable RequestId id, int code, String message, @Nullable JsonNode data) {
    ObjectNode m = object();
    m.put("jsonrpc", "2.0");
    m.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id.toJson());
    ObjectNode error = m.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    return m;
  }

  /** The wire form of an error response. */
  public static byte[] errorBytes(@Nullable RequestId id, int code, String message) {
    return errorBytes(id, code, message, null);
  }

  /** The wire form of an error response with data. */
  static byte[] errorBytes(@Nullable RequestId id, int code, String message, @Nullable JsonNode data) {
    return bytes(errorMessage(id, code, message, data));
  }

  /** The wire form of a result response. */
  static byte[] resultBytes(RequestId id, JsonNode result) {
    return bytes(resultMessage(id, result));
  }

  /**
   * A JSON array of already encoded messages (a batch's answers), spliced byte for byte: each
   * element is compact JSON, so the array is too.
   */
  static byte[] array(List<byte[]> elements) {
    int size = 2 + Math.max(0, elements.size() - 1);
    for (byte[] e : elements) {
      size += e.length;
    }
    byte[] out = new byte[size];
    out[0] = '[';
    int at = 1;
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] e = elements.get(i);
      System.arraycopy(e, 0, out, at, e.length);
      at += e.length;
    }
    out[at] = ']';
    return out;
  }

  /** The wire form of a decoded error response. */
  public static byte[] errorBytes(JsonRpcResponse.Error error) {
    return errorBytes(error.id(), error.code(), error.message(), error.data());
  }

  static ObjectNode request(RequestId id, String method, ObjectNode params) {
    ObjectNode m = object();
    m.put("jsonrpc", "2.0");
    m.set("id", id.toJson());
    m.put("method", method);
    m.set("params", params);
    return m;
  }

  static ObjectNode notification(String method, ObjectNode params) {
    ObjectNode m = object();
    m.put("jsonrpc", "2.0");
    m.put("method", method);
    m.set("params", params);
    return m;
  }
}
