package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.project.Binding;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.RecentEntriesView;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code get_project} (reference §3.4, B06, B07): the caller's bound project, or one named
 * explicitly. {@code meta.current_project} is the caller's own binding, never anyone else's.
 */
final class GetProjectTool {
  static final String NAME = "get_project";

  /** The log counts always reported (reference B06), zero when empty. */
  static final List<String> COUNTED_LOGS =
      List.of("bugs", "doc_updates", "global", "progress", "security", "tool_logs");

  private GetProjectTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ObjectNode nullableString = Schemas.any("the session's bound project, or null");
    nullableString.putArray("type").add("string").add("null");
    ObjectNode project = ProjectJson.schema();
    ((ObjectNode) project.get("properties"))
        .set(
            "meta",
            Schemas.object()
                .req("current_project", nullableString)
                .req("log_entry_counts", Schemas.anyObject("lines per log (tee copies count in their log)"))
                .req("total_entries", Schemas.integer(""))
                .build());
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Show the project this session is bound to (or the one named by 'project'): paths,"
                + " defaults, and entry counts per log.",
            Schemas.object()
                .prop("project", Schemas.string("a project name to look up instead of this session's project"))
                .prop("format", Format.schema("structured"))
                .closed()
                .build(),
            Schemas.object().req("ok", Schemas.bool("")).req("project", project).build(),
            ToolAnnotations.forReads());
    return new ToolBinding(def, call -> ProjectContext.run(() -> call(ctx, call)));
  }

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Args args = new Args(call.arguments());
    Format format = Format.parse(args, Format.STRUCTURED);
    String named = args.string("project");
    Optional<Binding> binding = ctx.binding(call.sessionId());
    var registry = ctx.registry();
    Project p;
    if (named != null) {
      p =
          registry
              .find(named.trim())
              .orElseThrow(
                  () ->
                      new DomainException(
                          Codes.PROJECT_NOT_FOUND,
                          "Project '" + named.trim() + "' not found."));
    } else {
      p = Bindings.resolve(binding, registry);
    }
    String current = null;
    try {
      current = Bindings.resolve(binding, registry).name();
    } catch (DomainException e) {
      // no valid binding: current_project stays null
    }
    Optional<RecentEntriesView.ProjectEntries> entries = ctx.entries(p.name());
    Map<String, Long> counts = new TreeMap<>();
    for (String log : COUNTED_LOGS) counts.put(log, 0L);
    entries.ifPresent(pe -> counts.putAll(pe.logCounts()));

    ObjectNode out = McpJson.object();
    out.put("ok", true);
    ObjectNode project = ProjectJson.of(p);
    ObjectNode meta = project.putObject("meta");
    if (current == null) meta.putNull("current_project");
    else meta.put("current_project", current);
    ObjectNode c = meta.putObject("log_entry_counts");
    counts.forEach(c::put);
    meta.put("total_entries", entries.map(RecentEntriesView.ProjectEntries::total).orElse(0L));
    out.set("project", project);

    StringBuilder text = new StringBuilder();
    text.append("Project '").append(p.name()).append("'")
        .append(p.name().equals(current) ? " (bound to this session)" : "")
        .append("\nRoot: ").append(p.root())
        .append("\nProgress log: ").append(p.progressLog())
        .append("\nDocs: ").append(p.docsDir())
        .append("\nEntries: ").append(counts.get(LogType.PROGRESS.wireName())).append(" progress");
    List<String> lastLines = new ArrayList<>();
    entries.ifPresent(
        pe ->
            pe.newestFirst(
                e -> {
                  var a = e.entry();
                  lastLines.add(
                      new MarkdownLine(a.emoji(), a.timestamp(), a.agent(), a.project(), null,
                              a.message(), a.meta())
                          .render());
                  return lastLines.size() < 5;
                }));
    if (!lastLines.isEmpty()) {
      text.append("\nLatest entries (newest first):");
      for (String l : lastLines) text.append("\n  ").append(l);
    }
    return format.reply(out, text.toString());
  }
}
