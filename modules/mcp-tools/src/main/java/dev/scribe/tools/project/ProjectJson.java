package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.project.Project;
import dev.scribe.mcp.McpJson;
import dev.scribe.tools.Schemas;
import java.util.Map;

/** A project as the tools show it, and its schema. */
final class ProjectJson {
  private ProjectJson() {}

  static ObjectNode of(Project p) {
    ObjectNode o = McpJson.object();
    o.put("name", p.name());
    o.put("slug", p.slug());
    o.put("root", p.root());
    o.put("progress_log", p.progressLog());
    o.put("docs_dir", p.docsDir());
    ObjectNode docs = o.putObject("docs");
    p.docs().forEach(docs::put);
    ObjectNode defaults = o.putObject("defaults");
    p.defaults().forEach(defaults::put);
    o.put("author", p.author());
    if (p.description() == null) o.putNull("description");
    else o.put("description", p.description());
    ArrayNode tags = o.putArray("tags");
    p.tags().forEach(tags::add);
    o.put("created_at", p.registeredAt().toString());
    o.put("updated_at", p.updatedAt().toString());
    return o;
  }

  static ObjectNode schema() {
    ObjectNode nullableString = Schemas.any("text or null");
    nullableString.putArray("type").add("string").add("null");
    return Schemas.object()
        .req("name", Schemas.string("the project's name"))
        .req("root", Schemas.string("the repository root (absolute)"))
        .req("progress_log", Schemas.string("the progress log (absolute)"))
        .req("docs_dir", Schemas.string("the docs directory (absolute)"))
        .prop("slug", Schemas.string("the docs directory name"))
        .prop("docs", Schemas.anyObject("architecture, phase_plan, checklist, progress_log paths"))
        .prop("defaults", Schemas.anyObject("project defaults (emoji, agent, …)"))
        .prop("author", Schemas.string(""))
        .prop("description", nullableString)
        .prop("tags", Schemas.array("", Schemas.string("")))
        .prop("created_at", Schemas.string("registration time, ISO-8601"))
        .prop("updated_at", Schemas.string("last change, ISO-8601"))
        .build();
  }

  static ObjectNode strings(Map<String, String> m) {
    ObjectNode o = McpJson.object();
    m.forEach(o::put);
    return o;
  }
}
