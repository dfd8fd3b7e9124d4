package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * One content block of a tool result or a prompt message ({@code ContentBlock} in the schema).
 * Binary payloads are kept base64-encoded, as they go on the wire.
 */
public sealed interface Content {

  /** The wire form (a fresh node). */
  ObjectNode toJson();

  /** {@code {"type":"text","text":...}}. */
  record Text(String text) implements Content {
    public Text {
      requireNonNull(text, "text");
    }

    @Override
    public ObjectNode toJson() {
      return McpJson.object().put("type", "text").put("text", text);
    }
  }

  /** {@code {"type":"image","data":<base64>,"mimeType":...}}. */
  record Image(String data, String mimeType) implements Content {
    public Image {
      requireNonNull(data, "data");
      requireNonNull(mimeType, "mimeType");
    }

    public static Image of(byte[] bytes, String mimeType) {
      return new Image(Base64.getEncoder().encodeToString(bytes), mimeType);
    }

    @Override
    public ObjectNode toJson() {
      return McpJson.object().put("type", "image").put("data", data).put("mimeType", mimeType);
    }
  }

  /** {@code {"type":"audio","data":<base64>,"mimeType":...}}. */
  record Audio(String data, String mimeType) implements Content {
    public Audio {
      requireNonNull(data, "data");
      requireNonNull(mimeType, "mimeType");
    }

    public static Audio of(byte[] bytes, String mimeType) {
      return new Audio(Base64.getEncoder().encodeToString(bytes), mimeType);
    }

    @Override
    public ObjectNode toJson() {
      return McpJson.object().put("type", "audio").put("data", data).put("mimeType", mimeType);
    }
  }

  /** {@code {"type":"resource","resource":{uri, mimeType?, text|blob}}}: a resource inlined. */
  record EmbeddedResource(ResourceContents resource) implements Content {
    public EmbeddedResource {
      requireNonNull(resource, "resource");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = McpJson.object().put("type", "resource");
      o.set("resource", resource.toJson());
      return o;
    }
  }
}
