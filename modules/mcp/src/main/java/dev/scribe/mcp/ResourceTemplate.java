package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A family of resources, as {@code resources/templates/list} publishes it.
 *
 * @param uriTemplate an RFC 6570 template with simple {@code {name}} expressions only (see {@link
 *     UriTemplate})
 */
public record ResourceTemplate(
    String uriTemplate,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType) {
  public ResourceTemplate {
    requireNonNull(uriTemplate, "uriTemplate");
    requireNonNull(name, "name");
  }

  public static ResourceTemplate of(String uriTemplate, String name, String description, String mimeType) {
    return new ResourceTemplate(uriTemplate, name, null, description, mimeType);
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object().put("uriTemplate", uriTemplate).put("name", name);
    Descriptors.putOptional(o, "title", title);
    Descriptors.putOptional(o, "description", description);
    Descriptors.putOptional(o, "mimeType", mimeType);
    return o;
  }
}
