package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** A concrete resource, as {@code resources/list} publishes it. */
public record Resource(
    String uri,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType) {
  public Resource {
    requireNonNull(uri, "uri");
    requireNonNull(name, "name");
  }

  public static Resource of(String uri, String name, String description, String mimeType) {
    return new Resource(uri, name, null, description, mimeType);
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object().put("uri", uri).put("name", name);
    Descriptors.putOptional(o, "title", title);
    Descriptors.putOptional(o, "description", description);
    Descriptors.putOptional(o, "mimeType", mimeType);
    return o;
  }
}
