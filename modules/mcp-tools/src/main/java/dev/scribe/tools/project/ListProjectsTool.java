package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.ListProjects;
import dev.scribe.domain.project.Project;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.RecentEntriesView;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code list_projects} (reference §3.5, B14, B18). {@code active_project} is the caller's own
 * binding (the Python server showed a global one to everybody).
 */
final class ListProjectsTool {
  static final String NAME = "list_projects";
  static final List<String> DEFAULT_FIELDS = List.of("name", "root", "progress_log");

  /** Every field a row can show, with its compact key. */
  static final Map<String, String> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", "n");
    FIELDS.put("root", "r");
    FIELDS.put("progress_log", "p");
    FIELDS.put("docs_dir", "d");
    FIELDS.put("defaults", "df");
    FIELDS.put("slug", "s");
    FIELDS.put("created_at", "c");
    FIELDS.put("updated_at", "u");
    FIELDS.put("author", "a");
    FIELDS.put("description", "ds");
    FIELDS.put("tags", "t");
    FIELDS.put("total_entries", "te");
    FIELDS.put("last_entry_at", "le");
    FIELDS.put("last_access_at", "la");
  }

  private ListProjectsTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ObjectNode list =
        Schemas.anyOf("a list, or a comma-separated string", Schemas.array("", Schemas.string("")),
            Schemas.string(""));
    ObjectNode nullableString = Schemas.any("this session's bound project, or null");
    nullableString.putArray("type").add("string").add("null");
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "List the registered projects (name order by default), with filters and pagination."
                + " 'active_project' is the project this session is bound to.",
            Schemas.object()
                .prop("filter", Schemas.string("case-insensitive substring of the name"))
                .prop("include_test", Schemas.bool("also show test/demo/temp-looking names"))
                .prop("tags", list)
                .prop("limit", Schemas.integer("page size when page_size is not given (default 5)", 1))
                .prop("page", Schemas.integer("1-based page", 1))
                .prop("page_size", Schemas.integer("projects per page", 1))
                .prop("order_by", Schemas.stringEnum("sort key (default: name ascending)", ListProjects.ORDER_BY))
                .prop("direction", Schemas.stringEnum("with order_by (default desc)", List.of("asc", "desc")))
                .prop("fields", list)
                .prop("compact", Schemas.bool("short keys"))
                .prop("format", Format.schema("structured"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("projects", Schemas.array("one object per project", Schemas.anyObject("")))
                .req("count", Schemas.integer("projects on this page"))
                .req("pagination", Schemas.anyObject("page, page_size, total_count, has_next, has_prev"))
                .req("total_available", Schemas.integer("live projects before filters"))
                .req("filtered", Schemas.bool(""))
                .req("active_project", nullableString)
                .build(),
            ToolAnnotations.forReads());
    return new ToolBinding(def, call -> ProjectContext.run(() -> call(ctx, call)));
  }

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Args args = new Args(call.arguments());
    Format format = Format.parse(args, Format.STRUCTURED);
    Long limit = args.integer("limit");
    Long pageSize = args.integer("page_size");
    Long page = args.integer("page");
    int size = (int) Math.min(1000, pageSize != null ? pageSize : limit != null ? limit : 5);
    List<String> fields = args.strings("fields");
    if (fields == null || fields.isEmpty()) fields = DEFAULT_FIELDS;
    for (String f : fields) {
      if (!FIELDS.containsKey(f)) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Invalid field '" + f + "'. Allowed: " + String.join(", ", FIELDS.keySet()) + ".");
      }
    }
    boolean compact = args.bool("compact", false);
    String orderBy = args.string("order_by");
    ListProjects.Query q =
        new ListProjects.Query(
            args.string("filter"),
            args.bool("include_test", false),
            args.strings("tags") == null ? List.of() : args.strings("tags"),
            page == null ? 1 : (int) Math.min(Integer.MAX_VALUE, page),
            size,
            orderBy,
            !"asc".equals(args.string("direction", "desc")));

    var registry = ctx.registry();
    String active = ctx.boundProjectIfAny(call.sessionId()).map(Project::name).orElse(null);
    ListProjects.Page result = ListProjects.run(q, registry.all(), name -> stats(ctx, name));

    ObjectNode out = McpJson.object();
    out.put("ok", true);
    ArrayNode rows = out.putArray("projects");
    for (ListProjects.Row r : result.rows()) rows.add(row(r, fields, compact));
    out.put("count", result.rows().size());
    ObjectNode pg = out.putObject("pagination");
    pg.put("page", result.page());
    pg.put("page_size", result.pageSize());
    pg.put("total_count", result.totalCount());
    pg.put("has_next", result.hasNext());
    pg.put("has_prev", result.hasPrev());
    out.put("total_available", result.totalAvailable());
    out.put("filtered", result.filtered());
    if (active == null) out.putNull("active_project");
    else out.put("active_project", active);

    StringBuilder text = new StringBuilder();
    if (result.rows().isEmpty()) {
      text.append("No projects match (").append(result.totalAvailable()).append(" registered).");
    } else {
      text.append(result.totalCount()).append(" project(s)");
      if (result.hasNext() || result.hasPrev()) {
        text.append(", page ").append(result.page()).append(" of ")
            .append((result.totalCount() + result.pageSize() - 1) / result.pageSize());
      }
      text.append(':');
      for (ListProjects.Row r : result.rows()) {
        String n = r.project().name();
        text.append("\n").append(n.equals(active) ? "* " : "  ").append(n).append("  ")
            .append(r.project().root());
      }
    }
    text.append("\nActive project (this session): ").append(active == null ? "none" : active);
    return format.reply(out, text.toString());
  }

  private static ListProjects.Stats stats(ProjectContext ctx, String name) {
    Optional<RecentEntriesView.ProjectEntries> pe = ctx.recent.project(name);
    if (pe.isEmpty()) return ListProjects.Stats.NONE;
    return new ListProjects.Stats(
        pe.get().total(), pe.get().lastEntryAt().orElse(null), pe.get().lastBoundAt().orElse(null));
  }

  private static ObjectNode row(ListProjects.Row r, List<String> fields, boolean compact) {
    Project p = r.project();
    ObjectNode o = McpJson.object();
    for (String f : fields) {
      String k = compact ? FIELDS.get(f) : f;
      switch (f) {
        case "name" -> o.put(k, p.name());
        case "root" -> o.put(k, p.root());
        case "progress_log" -> o.put(k, p.progressLog());
        case "docs_dir" -> o.put(k, p.docsDir());
        case "defaults" -> o.set(k, ProjectJson.strings(p.defaults()));
        case "slug" -> o.put(k, p.slug());
        case "created_at" -> o.put(k, p.registeredAt().toString());
        case "updated_at" -> o.put(k, p.updatedAt().toString());
        case "author" -> o.put(k, p.author());
        case "description" -> {
          if (p.description() == null) o.putNull(k);
          else o.put(k, p.description());
        }
        case "tags" -> {
          ArrayNode t = o.putArray(k);
          p.tags().forEach(t::add);
        }
        case "total_entries" -> o.put(k, r.stats().totalEntries());
        case "last_entry_at" -> putInstant(o, k, r.stats().lastEntryAt());
        case "last_access_at" -> putInstant(o, k, r.stats().lastAccessAt());
        default -> throw new IllegalStateException(f);
      }
    }
    return o;
  }

  private static void putInstant(ObjectNode o, String k, @Nullable Instant t) {
    if (t == null) o.putNull(k);
    else o.put(k, t.toString());
  }
}
