package dev.scribe.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** Small helpers shared by the list entries of resources, templates and prompts. */
final class Descriptors {
  private Descriptors() {}

  /** Optional members are left out rather than sent as null: clients validate with strict schemas. */
  static void putOptional(ObjectNode o, String name, @Nullable String value) {
    if (value != null) {
      o.put(name, value);
    }
  }
}
