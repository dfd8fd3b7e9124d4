package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** What {@code resources/read} returns for one URI, and what an embedded resource carries. */
public sealed interface ResourceContents {

  String uri();

  @Nullable String mimeType();

  /** The wire form (a fresh node). */
  ObjectNode toJson();

  /** Text contents. */
  record Text(String uri, @Nullable String mimeType, String text) implements ResourceContents {
    public Text {
      requireNonNull(uri, "uri");
      requireNonNull(text, "text");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = McpJson.object().put("uri", uri);
      if (mimeType != null) {
        o.put("mimeType", mimeType);
      }
      return o.put("text", text);
    }
  }

  /** Binary contents, base64-encoded as on the wire. */
  record Blob(String uri, @Nullable String mimeType, String blob) implements ResourceContents {
    public Blob {
      requireNonNull(uri, "uri");
      requireNonNull(blob, "blob");
    }

    public static Blob of(String uri, @Nullable String mimeType, byte[] bytes) {
      return new Blob(uri, mimeType, Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = McpJson.object().put("uri", uri);
      if (mimeType != null) {
        o.put("mimeType", mimeType);
      }
      return o.put("blob", blob);
    }
  }
}
