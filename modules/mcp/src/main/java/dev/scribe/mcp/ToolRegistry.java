package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, ordered set of tools. Building it compiles every schema once (a bad schema fails
 * the build, not a call) and precomputes the {@code tools/list} pages.
 *
 * <p>The published {@code outputSchema} of each tool is {@code {"type":"object", "anyOf":[<success
 * schema>, <error shape>]}} (the success schema's {@code $defs} hoisted to the root so its {@code
 * $ref}s still resolve), because clients validate {@code structuredContent} of {@code isError}
 * results against it too.
 */
public final class ToolRegistry {
  private static final String ERROR_SHAPE =
      """
      {"type":"object","required":["ok","error"],
       "properties":{"ok":{"const":false},
         "error":{"type":"object","required":["code","message"],
           "properties":{"code":{"type":"string"},"message":{"type":"string"}}}}}""";

  /** The schema of the structured content of every {@code isError} result (a fresh copy). */
  public static ObjectNode errorShape() {
    return McpJson.parseObject(ERROR_SHAPE);
  }

  private static final String CURSOR_PREFIX = "tools:";

  private final Map<String, RegisteredTool> byName;
  private final List<ObjectNode> pages;
  private final int pageSize;

  private ToolRegistry(Map<String, RegisteredTool> byName, int pageSize) {
    this.byName = Collections.unmodifiableMap(byName);
    List<ObjectNode> p = new ArrayList<>();
    List<RegisteredTool> all = new ArrayList<>(byName.values());
    for (int start = 0; start == 0 || start < all.size(); start += pageSize) {
      ObjectNode page = McpJson.object();
      ArrayNode tools = page.putArray("tools");
      int end = Math.min(all.size(), start + pageSize);
      for (int i = start; i < end; i++) {
        tools.add(all.get(i).advertised());
      }
      if (end < all.size()) {
        page.put("nextCursor", cursor(end));
      }
      p.add(page);
    }
    this.pages = List.copyOf(p);
    this.pageSize = pageSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The definitions, in registration order. */
  public List<ToolDefinition> definitions() {
    List<ToolDefinition> out = new ArrayList<>(byName.size());
    for (RegisteredTool t : byName.values()) {
      out.add(t.definition());
    }
    return out;
  }

  public Optional<RegisteredTool> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The {@code tools/list} result for a cursor (absent: the first page). The returned node is
   * shared: never modify it.
   *
   * @throws JsonRpcException -32602 for a cursor this registry did not issue
   */
  public ObjectNode page(Optional<String> cursor) {
    if (cursor.isEmpty()) {
      return pages.get(0);
    }
    String c = cursor.get();
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8);
      if (decoded.startsWith(CURSOR_PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
        if (offset > 0 && offset < byName.size() && offset % pageSize == 0) {
          return pages.get(offset / pageSize);
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw JsonRpcException.invalidParams("Invalid cursor: " + c);
  }

  private static String cursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Builds a registry; tools are listed in the order they were added. */
  public static final class Builder {
    private final Map<String, ToolDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();
    private int pageSize = 100;

    private Builder() {}

    public Builder add(ToolDefinition definition, ToolHandler handler) {
      requireNonNull(definition, "definition");
      requireNonNull(handler, "handler");
      if (definitions.putIfAbsent(definition.name(), definition) != null) {
        throw new IllegalArgumentException("duplicate tool name: " + definition.name());
      }
      handlers.put(definition.name(), handler);
      return this;
    }

    /** Tools per {@code tools/list} page (default 100). */
    public Builder pageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("page size must be positive");
      }
      this.pageSize = size;
      return this;
    }

    /**
     * Compiles the schemas and freezes the registry.
     *
     * @throws IllegalArgumentException if a schema does not compile
     */
    public ToolRegistry build() {
      SchemaRegistry schemas =
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              b ->
                  b.schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .pathType(PathType.JSON_PATH)
                          .locale(Locale.ROOT)
                          .formatAssertionsEnabled(true)
                          .build()));
      Map<String, RegisteredTool> byName = new LinkedHashMap<>();
      for (ToolDefinition d : definitions.values()) {
        byName.put(
            d.name(),
            new RegisteredTool(
                d,
                handlers.get(d.name()),
                compile(schemas, d.name(), "inputSchema", d.inputSchema()),
                d.outputSchema() == null
                    ? null
                    : compile(schemas, d.name(), "outputSchema", d.outputSchema()),
                advertise(d)));
      }
      return new ToolRegistry(byName, pageSize);
    }

    private static Schema compile(SchemaRegistry schemas, String tool, String which, ObjectNode node) {
      try {
        Schema s = schemas.getSchema(node);
        s.initializeValidators();
        return s;
      } catch (SchemaException | IllegalArgumentException e) {
        throw new IllegalArgumentException(tool + ": invalid " + which + ": " + e.getMessage(), e);
      }
    }
  }

  static ObjectNode advertise(ToolDefinition d) {
    ObjectNode t = McpJson.object();
    t.put("name", d.name());
    if (d.title() != null) {
      t.put("title", d.title());
    }
    t.put("description", d.description());
    t.set("inputSchema", d.inputSchema());
    if (d.outputSchema() != null) {
      t.set("outputSchema", publishedOutputSchema(d.outputSchema()));
    }
    ObjectNode a = t.putObject("annotations");
    if (d.title() != null) {
      a.put("title", d.title());
    }
    ToolAnnotations h = d.annotations();
    a.put("readOnlyHint", h.readOnly());
    a.put("destructiveHint", h.destructive());
    a.put("idempotentHint", h.idempotent());
    a.put("openWorldHint", h.openWorld());
    return t;
  }

  /** {@code {"type":"object","anyOf":[success, error]}} with root-level keywords hoisted. */
  static ObjectNode publishedOutputSchema(ObjectNode success) {
    ObjectNode inner = success.deepCopy();
    ObjectNode root = McpJson.object();
    for (String hoisted : List.of("$schema", "$defs", "definitions")) {
      JsonNode v = inner.remove(hoisted);
      if (v != null) {
        root.set(hoisted, v);
      }
    }
    root.put("type", "object");
    root.putArray("anyOf").add(inner).add(errorShape());
    return root;
  }
}
