package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * What the client declared in {@code initialize.params.capabilities}. The server may send a
 * client request ({@code sampling/createMessage}, {@code elicitation/create}, {@code roots/list})
 * only if the client declared the matching capability. Kept as three flags, not the declared
 * object: every session holds one, and idle sessions must stay small.
 */
public record ClientCapabilities(boolean sampling, boolean elicitation, boolean roots) {
  /** Nothing declared (also what a session restored after a restart has: it was not recorded). */
  public static final ClientCapabilities NONE = new ClientCapabilities(false, false, false);

  static ClientCapabilities from(@Nullable JsonNode node) {
    if (!(node instanceof ObjectNode o)) {
      return NONE;
    }
    ClientCapabilities c =
        new ClientCapabilities(
            o.get("sampling") instanceof ObjectNode,
            o.get("elicitation") instanceof ObjectNode,
            o.get("roots") instanceof ObjectNode);
    return c.equals(NONE) ? NONE : c;
  }
}
