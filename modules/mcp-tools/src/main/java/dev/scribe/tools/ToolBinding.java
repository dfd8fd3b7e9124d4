package dev.scribe.tools;

import static java.util.Objects.requireNonNull;

import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolHandler;

/** A tool as registered: what it publishes and what runs it. */
public record ToolBinding(ToolDefinition definition, ToolHandler handler) {
  public ToolBinding {
    requireNonNull(definition, "definition");
    requireNonNull(handler, "handler");
  }

  public String name() {
    return definition.name();
  }
}
