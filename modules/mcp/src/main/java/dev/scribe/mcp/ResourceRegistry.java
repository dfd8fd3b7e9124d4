package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An immutable set of resources and resource templates with their readers. A server advertises
 * the {@code resources} capability only when it has one that is not empty. Lists are returned in
 * registration order, in one page (resource sets served this way are small; a cursor is refused
 * because none is ever issued).
 */
public final class ResourceRegistry {
  private final Map<String, Entry> byUri;
  private final List<TemplateEntry> templates;
  private final ObjectNode list;
  private final ObjectNode templateList;

  private record Entry(Resource resource, ResourceReader reader) {}

  private record TemplateEntry(ResourceTemplate template, UriTemplate matcher, ResourceReader reader) {}

  /** What a URI resolved to: the reader and the template's variables. */
  record Match(ResourceReader reader, Map<String, String> variables) {}

  private ResourceRegistry(Map<String, Entry> byUri, List<TemplateEntry> templates) {
    this.byUri = Map.copyOf(byUri);
    this.templates = List.copyOf(templates);
    ObjectNode l = McpJson.object();
    ArrayNode resources = l.putArray("resources");
    byUri.values().forEach(e -> resources.add(e.resource().toJson()));
    this.list = l;
    ObjectNode t = McpJson.object();
    ArrayNode ts = t.putArray("resourceTemplates");
    templates.forEach(e -> ts.add(e.template().toJson()));
    this.templateList = t;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return byUri.isEmpty() && templates.isEmpty();
  }

  /** The {@code resources/list} result (shared: never modify it). */
  ObjectNode list(Optional<String> cursor) {
    refuseCursor(cursor);
    return list;
  }

  /** The {@code resources/templates/list} result (shared: never modify it). */
  ObjectNode templateList(Optional<String> cursor) {
    refuseCursor(cursor);
    return templateList;
  }

  /** A concrete resource first, then the templates in registration order. */
  Optional<Match> resolve(String uri) {
    Entry e = byUri.get(uri);
    if (e != null) {
      return Optional.of(new Match(e.reader(), Map.of()));
    }
    for (TemplateEntry t : templates) {
      Optional<Map<String, String>> vars = t.matcher().match(uri);
      if (vars.isPresent()) {
        return Optional.of(new Match(t.reader(), vars.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code resources/read} result. Blocking: call it on the executor.
   *
   * @throws JsonRpcException {@code -32002} for an unknown URI, {@code -32602} for a reader's
   *     {@link IllegalArgumentException}
   */
  ObjectNode read(String uri) throws Exception {
    Match m = resolve(uri).orElseThrow(() -> notFound(uri));
    List<ResourceContents> contents;
    try {
      contents = m.reader().read(uri, m.variables());
    } catch (NoSuchElementException e) {
      throw notFound(uri);
    } catch (IllegalArgumentException e) {
      throw JsonRpcException.invalidParams(e.getMessage() == null ? "Invalid uri: " + uri : e.getMessage());
    }
    ObjectNode result = McpJson.object();
    ArrayNode out = result.putArray("contents");
    for (ResourceContents c : contents) {
      out.add(c.toJson());
    }
    return result;
  }

  static JsonRpcException notFound(String uri) {
    return new JsonRpcException(
        ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + uri, McpJson.object().put("uri", uri));
  }

  private static void refuseCursor(Optional<String> cursor) {
    if (cursor.isPresent()) {
      throw JsonRpcException.invalidParams("Invalid cursor: " + cursor.get());
    }
  }

  /** Builds a registry; entries are listed in the order they were added. */
  public static final class Builder {
    private final Map<String, Entry> byUri = new LinkedHashMap<>();
    private final List<TemplateEntry> templates = new ArrayList<>();

    private Builder() {}

    public Builder add(Resource resource, ResourceReader reader) {
      requireNonNull(resource, "resource");
      requireNonNull(reader, "reader");
      if (byUri.putIfAbsent(resource.uri(), new Entry(resource, reader)) != null) {
        throw new IllegalArgumentException("duplicate resource uri: " + resource.uri());
      }
      return this;
    }

    /**
     * @throws IllegalArgumentException if the template uses more than simple {@code {name}}
     *     expressions
     */
    public Builder addTemplate(ResourceTemplate template, ResourceReader reader) {
      requireNonNull(template, "template");
      requireNonNull(reader, "reader");
      templates.add(new TemplateEntry(template, UriTemplate.parse(template.uriTemplate()), reader));
      return this;
    }

    public ResourceRegistry build() {
      return new ResourceRegistry(byUri, templates);
    }
  }
}
