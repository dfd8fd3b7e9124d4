package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a prompt publishes in {@code prompts/list}.
 *
 * @param description required: clients (and the conformance suite) expect one
 */
public record PromptDefinition(
    String name, @Nullable String title, String description, List<PromptArgument> arguments) {
  public PromptDefinition {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    arguments = List.copyOf(arguments);
    if (name.isBlank() || description.isBlank()) {
      throw new IllegalArgumentException("a prompt needs a name and a description: " + name);
    }
  }

  public static PromptDefinition of(String name, String description, PromptArgument... arguments) {
    return new PromptDefinition(name, null, description, List.of(arguments));
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object().put("name", name);
    Descriptors.putOptional(o, "title", title);
    o.put("description", description);
    if (!arguments.isEmpty()) {
      ArrayNode args = o.putArray("arguments");
      arguments.forEach(a -> args.add(a.toJson()));
    }
    return o;
  }
}
