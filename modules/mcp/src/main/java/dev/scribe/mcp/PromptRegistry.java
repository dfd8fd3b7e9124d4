package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, ordered set of prompts. A server advertises the {@code prompts} capability only
 * when it has one that is not empty. {@code prompts/list} is one page (a cursor is refused: none is
 * ever issued).
 */
public final class PromptRegistry {
  private final Map<String, Entry> byName;
  private final ObjectNode list;

  private record Entry(PromptDefinition definition, PromptHandler handler) {}

  private PromptRegistry(Map<String, Entry> byName) {
    this.byName = Map.copyOf(byName);
    ObjectNode l = McpJson.object();
    ArrayNode prompts = l.putArray("prompts");
    byName.values().forEach(e -> prompts.add(e.definition().toJson()));
    this.list = l;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  public Optional<PromptDefinition> find(String name) {
    return Optional.ofNullable(byName.get(name)).map(Entry::definition);
  }

  /** The {@code prompts/list} result (shared: never modify it). */
  ObjectNode list(Optional<String> cursor) {
    if (cursor.isPresent()) {
      throw JsonRpcException.invalidParams("Invalid cursor: " + cursor.get());
    }
    return list;
  }

  /**
   * The {@code prompts/get} result. Blocking: call it on the executor.
   *
   * @throws JsonRpcException {@code -32602} for an unknown prompt, a missing required argument or a
   *     handler's {@link IllegalArgumentException}
   */
  ObjectNode get(String name, Map<String, String> arguments) throws Exception {
    Entry e = byName.get(name);
    if (e == null) {
      throw JsonRpcException.invalidParams("Unknown prompt: " + name);
    }
    for (PromptArgument a : e.definition().arguments()) {
      if (a.required() && !arguments.containsKey(a.name())) {
        throw JsonRpcException.invalidParams(
            "Prompt " + name + " needs the argument " + a.name());
      }
    }
    try {
      return e.handler().get(Map.copyOf(arguments)).toJson();
    } catch (IllegalArgumentException ex) {
      throw JsonRpcException.invalidParams(
          ex.getMessage() == null ? "Invalid arguments for prompt " + name : ex.getMessage());
    }
  }

  /** Builds a registry; prompts are listed in the order they were added. */
  public static final class Builder {
    private final Map<String, Entry> byName = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(PromptDefinition definition, PromptHandler handler) {
      requireNonNull(definition, "definition");
      requireNonNull(handler, "handler");
      if (byName.putIfAbsent(definition.name(), new Entry(definition, handler)) != null) {
        throw new IllegalArgumentException("duplicate prompt name: " + definition.name());
      }
      return this;
    }

    public PromptRegistry build() {
      return new PromptRegistry(byName);
    }
  }
}
