package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The client's answer to {@code elicitation/create}.
 *
 * @param content the submitted form, only with {@link Action#ACCEPT}
 */
public record ElicitResult(Action action, @Nullable ObjectNode content) {

  /** What the user did with the form. */
  public enum Action {
    ACCEPT,
    DECLINE,
    CANCEL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ElicitResult {
    requireNonNull(action, "action");
  }

  /**
   * Reads a result from the wire.
   *
   * @throws IllegalArgumentException if it has no valid {@code action}
   */
  static ElicitResult fromJson(JsonNode result) {
    String action = result.path("action").asText("");
    for (Action a : Action.values()) {
      if (a.wireName().equals(action)) {
        JsonNode c = result.get("content");
        return new ElicitResult(a, c instanceof ObjectNode o ? o : null);
      }
    }
    throw new IllegalArgumentException("elicitation/create result has no valid action: " + action);
  }
}
