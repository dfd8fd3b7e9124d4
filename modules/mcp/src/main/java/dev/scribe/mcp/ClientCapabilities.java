package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * What the client declared in {@code initialize.params.capabilities}. The server may send a
 * client request ({@code sampling/createMessage}, {@code elicitation/create}, {@code roots/list})
 * only if the client declared the matching capability.
 *
 * @param raw the declared object as received (a private copy)
 */
public record ClientCapabilities(ObjectNode raw) {
  /** Nothing declared (also what a session restored after a restart has: it was not recorded). */
  public static final ClientCapabilities NONE = new ClientCapabilities(McpJson.object());

  public ClientCapabilities {
    raw = raw.deepCopy();
  }

  static ClientCapabilities from(@Nullable JsonNode node) {
    return node instanceof ObjectNode o ? new ClientCapabilities(o) : NONE;
  }

  public boolean sampling() {
    return raw.get("sampling") instanceof ObjectNode;
  }

  public boolean elicitation() {
    return raw.get("elicitation") instanceof ObjectNode;
  }

  public boolean roots() {
    return raw.get("roots") instanceof ObjectNode;
  }
}
