package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** One argument a prompt takes; every argument value is a string. */
public record PromptArgument(String name, @Nullable String description, boolean required) {
  public PromptArgument {
    requireNonNull(name, "name");
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object().put("name", name);
    Descriptors.putOptional(o, "description", description);
    return o.put("required", required);
  }
}
