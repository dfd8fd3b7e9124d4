package dev.scribe.mcp.jsonrpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON-RPC decoder: bytes are parsed once into a tree, then classified. Thread-safe.
 *
 * <p>Rules: {@code jsonrpc} must be {@code "2.0"}; a request id is a string or an integer (null,
 * fractional or huge ids are invalid requests); {@code params}, when present, must be an object or
 * array; a member {@code method} makes a request (with {@code id}) or a notification (without); a
 * member {@code result} or {@code error} makes a response.
 */
public final class JsonRpcDecoder {
  private final ObjectMapper mapper;

  public JsonRpcDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Decodes one payload (UTF-8 JSON). */
  public Inbound decode(byte[] payload) {
    return decode(payload, 0, payload.length);
  }

  /** Decodes {@code length} bytes of UTF-8 JSON starting at {@code offset}. */
  public Inbound decode(byte[] payload, int offset, int length) {
    JsonNode tree;
    try {
      tree = mapper.readTree(payload, offset, length);
    } catch (JacksonException e) {
      return new Inbound.Rejected(
          error(null, ErrorCodes.PARSE_ERROR, "Parse error: " + e.getOriginalMessage()).error());
    } catch (IOException e) {
      return new Inbound.Rejected(error(null, ErrorCodes.PARSE_ERROR, "Parse error").error());
    }
    return decode(tree);
  }

  /** Classifies an already-parsed payload. */
  public Inbound decode(@Nullable JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      return new Inbound.Rejected(
          error(null, ErrorCodes.PARSE_ERROR, "Parse error: empty body").error());
    }
    if (tree.isArray()) {
      if (tree.isEmpty()) {
        return new Inbound.Rejected(
            error(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch").error());
      }
      List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
      List<JsonRpcResponse.Error> invalid = new ArrayList<>();
      for (JsonNode element : tree) {
        Object decoded = decodeOne(element);
        if (decoded instanceof Invalid i) {
          invalid.add(i.error());
        } else {
          messages.add((JsonRpcMessage) decoded);
        }
      }
      return new Inbound.Batch(messages, invalid);
    }
    Object decoded = decodeOne(tree);
    if (decoded instanceof Invalid i) {
      return new Inbound.Rejected(i.error());
    }
    return new Inbound.Single((JsonRpcMessage) decoded);
  }

  /** An element that is no valid message, with the error that answers it. */
  private record Invalid(JsonRpcResponse.Error error) {}

  /** A message, or the {@link Invalid} that answers it. */
  private static Object decodeOne(JsonNode node) {
    if (!node.isObject()) {
      return error(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: not a JSON object");
    }
    JsonNode idNode = node.get("id");
    Optional<RequestId> id = idNode == null ? Optional.empty() : RequestId.from(idNode);
    @Nullable RequestId replyId = id.orElse(null);
    JsonNode version = node.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
      return error(replyId, ErrorCodes.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
    }
    JsonNode method = node.get("method");
    if (method != null) {
      if (!method.isTextual()) {
        return error(replyId, ErrorCodes.INVALID_REQUEST, "Invalid Request: method must be a string");
      }
      JsonNode params = node.get("params");
      if (params != null && !params.isObject() && !params.isArray()) {
        return error(
            replyId, ErrorCodes.INVALID_REQUEST, "Invalid Request: params must be an object");
      }
      if (idNode == null) {
        return new JsonRpcNotification(method.textValue(), params);
      }
      if (id.isEmpty()) {
        return error(
            null, ErrorCodes.INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
      }
      return new JsonRpcRequest(id.get(), method.textValue(), params);
    }
    JsonNode result = node.get("result");
    JsonNode err = node.get("error");
    if (result != null && err == null && id.isPresent()) {
      return new JsonRpcResponse.Result(id.get(), result);
    }
    if (err != null && result == null && err.isObject()) {
      JsonNode code = err.get("code");
      JsonNode message = err.get("message");
      if (code != null && code.isIntegralNumber() && message != null && message.isTextual()) {
        return new JsonRpcResponse.Error(replyId, code.intValue(), message.textValue(), err.get("data"));
      }
    }
    return error(replyId, ErrorCodes.INVALID_REQUEST, "Invalid Request: not a request, notification or response");
  }

  private static Invalid error(@Nullable RequestId id, int code, String message) {
    return new Invalid(new JsonRpcResponse.Error(id, code, message, null));
  }
}
