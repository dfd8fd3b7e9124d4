package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** One message of a prompt: a role and one content block. */
public record PromptMessage(Role role, Content content) {

  /** Who says it. */
  public enum Role {
    USER,
    ASSISTANT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PromptMessage {
    requireNonNull(role, "role");
    requireNonNull(content, "content");
  }

  public static PromptMessage user(Content content) {
    return new PromptMessage(Role.USER, content);
  }

  ObjectNode toJson() {
    ObjectNode o = McpJson.object().put("role", role.wireName());
    o.set("content", content.toJson());
    return o;
  }
}
