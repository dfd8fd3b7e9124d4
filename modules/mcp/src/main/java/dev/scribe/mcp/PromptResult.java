package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code prompts/get} result. */
public record PromptResult(@Nullable String description, List<PromptMessage> messages) {
  public PromptResult {
    requireNonNull(messages, "messages");
    messages = List.copyOf(messages);
  }

  public static PromptResult of(PromptMessage... messages) {
    return new PromptResult(null, List.of(messages));
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object();
    Descriptors.putOptional(o, "description", description);
    ArrayNode out = o.putArray("messages");
    messages.forEach(m -> out.add(m.toJson()));
    return o;
  }
}
