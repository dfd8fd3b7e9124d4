package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.QueryArgs;
import dev.scribe.domain.query.SearchUnavailableException;
import dev.scribe.domain.query.SortOrder;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.RecentEntriesView;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code read_recent} (reference §3.7, §5.2; B49–B53): this session's project's entries, newest
 * first by default (log order reversed: claimed timestamps never reorder), {@code order:"asc"} for
 * the whole filtered log oldest first; {@code n}/{@code limit} are the page size (of page 1);
 * filters apply before pagination, so a page is never short because of hidden rows.
 *
 * <p>Served from the recent-entries window when the answer lies within it, otherwise by the
 * search index ({@link dev.scribe.domain.query.EntrySearch}); both apply the same {@link
 * EntryQuery}. Without a search index an answer beyond the window is the window's, with a warning.
 */
final class ReadRecentTool {
  static final String NAME = "read_recent";
  static final int MAX_PAGE_SIZE = 200;
  static final int DEFAULT_PAGE_SIZE = 10;

  /** Entry fields and their compact keys. */
  static final Map<String, String> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("id", "i");
    FIELDS.put("timestamp", "t");
    FIELDS.put("emoji", "e");
    FIELDS.put("agent", "a");
    FIELDS.put("message", "m");
    FIELDS.put("status", "s");
    FIELDS.put("priority", "p");
    FIELDS.put("category", "c");
    FIELDS.put("confidence", "cf");
    FIELDS.put("tags", "tg");
    FIELDS.put("log_type", "l");
    FIELDS.put("meta", "mt");
    FIELDS.put("raw_line", "r");
  }

  private static final Set<String> FILTER_KEYS = Set.of("agent", "status", "emoji");

  private ReadRecentTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ObjectNode list =
        Schemas.anyOf("a list, or a comma-separated string", Schemas.array("", Schemas.string("")),
            Schemas.string(""));
    ObjectNode filter =
        Schemas.object()
            .prop("agent", Schemas.anyOf("agent name(s), exact", Schemas.string(""), Schemas.array("", Schemas.string(""))))
            .prop("status", Schemas.anyOf("status(es): their emojis match", Schemas.string(""), Schemas.array("", Schemas.string(""))))
            .prop("emoji", Schemas.anyOf("emoji(s), exact", Schemas.string(""), Schemas.array("", Schemas.string(""))))
            .closed()
            .build();
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Read this session's project's recent entries, newest first (order:\"asc\" for oldest"
                + " first). n/limit/page_size set the page size (default 10, at most 200); filters"
                + " apply before pagination.",
            Schemas.object()
                .prop("n", Schemas.integer("page size (same as limit)", 1))
                .prop("limit", Schemas.integer("page size (same as n)", 1))
                .prop("page", Schemas.integer("1-based page (default 1)", 1))
                .prop("page_size", Schemas.integer("entries per page (default 10, at most 200)", 1))
                .prop("order", Schemas.stringEnum("desc: newest first (default); asc: oldest first", List.of("desc", "asc")))
                .prop("filter", filter)
                .prop("priority", list)
                .prop("category", list)
                .prop("min_confidence", Schemas.number("only entries with confidence >= this (0..1)"))
                .prop("priority_sort", Schemas.bool("group by priority (critical first), each group in the chosen order"))
                .prop("fields", list)
                .prop("compact", Schemas.bool("short keys, messages cut at 100 characters"))
                .prop("include_metadata", Schemas.bool("include meta (default true)"))
                .prop("format", Format.schema("readable"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("entries", Schemas.array("the page, in the requested order", Schemas.anyObject("")))
                .req("count", Schemas.integer("entries on this page"))
                .req("pagination", Schemas.anyObject("page, page_size, total_count, has_next, has_prev"))
                .req("project_name", Schemas.string(""))
                .prop("order", Schemas.string(""))
                .prop("limit_metadata", Schemas.anyObject(""))
                .prop("warnings", Schemas.array("", Schemas.string("")))
                .build(),
            ToolAnnotations.forReads());
    return new ToolBinding(def, call -> ProjectContext.run(() -> call(ctx, call)));
  }

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Args a = new Args(call.arguments());
    Format format = Format.parse(a, Format.READABLE);
    int pageSize = pageSize(a);
    Long pageArg = a.integer("page");
    int page = pageArg == null ? 1 : QueryArgs.page(pageArg);
    SortOrder order = SortOrder.parse(a.string("order", "desc"));
    List<String> fields = a.strings("fields");
    if (fields != null) {
      for (String f : fields) {
        if (!FIELDS.containsKey(f)) {
          throw new DomainException(
              Codes.INVALID_ARGUMENT,
              "Invalid field '" + f + "'. Allowed: " + String.join(", ", FIELDS.keySet()) + ".");
        }
      }
      if (fields.isEmpty()) fields = null;
    }
    boolean compact = a.bool("compact", false);
    boolean includeMeta = a.bool("include_metadata", true);

    Project project = ctx.boundProject(call.sessionId());
    EntryQuery.Builder qb = EntryQuery.builder(EntryScope.project(project.name()));
    JsonNode filter = a.raw("filter");
    if (filter != null) {
      for (var it = filter.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!FILTER_KEYS.contains(k)) {
          throw new DomainException(
              Codes.INVALID_ARGUMENT, "Invalid filter key '" + k + "'. Allowed: agent, status, emoji.");
        }
      }
      if (filter.has("agent")) qb.agents(Args.strings("filter.agent", filter.get("agent")));
      if (filter.has("emoji")) qb.emojis(Args.strings("filter.emoji", filter.get("emoji")));
      if (filter.has("status")) {
        qb.statuses(QueryArgs.statuses(Args.strings("filter.status", filter.get("status"))));
      }
    }
    List<String> priorities = a.strings("priority");
    if (priorities != null) qb.priorities(QueryArgs.priorities(priorities));
    List<String> categories = a.strings("category");
    if (categories != null) qb.categories(QueryArgs.categories(categories));
    Double minConfidence = a.number("min_confidence");
    if (minConfidence != null) qb.minConfidence(QueryArgs.minConfidence(minConfidence));
    EntryQuery q =
        qb.order(order).prioritySort(a.bool("priority_sort", false)).page(page).pageSize(pageSize)
            .build();

    Optional<RecentEntriesView.ProjectEntries> pe = ctx.entries(project.name());
    List<String> warnings = new ArrayList<>();
    String source = "memory";
    EntryPage result;
    if (pe.isEmpty()) {
      result = EntryPage.empty(q);
    } else {
      Optional<EntryPage> inMemory = RecentReader.answer(pe.get(), ctx.recent.window(), q);
      if (inMemory.isPresent()) {
        result = inMemory.get();
      } else if (ctx.search.isPresent()) {
        source = "search";
        try {
          result = ctx.search.get().search(q, ctx.kit.reads().lastPosition());
        } catch (SearchUnavailableException e) {
          throw new ToolException(
              "unavailable",
              "This page lies beyond the newest " + ctx.recent.window() + " entries kept in memory"
                  + " and the search index cannot answer now (" + e.getMessage() + "). Retry, or"
                  + " ask for a page nearer the newest entries.");
        }
      } else {
        source = "window";
        result = windowOnly(pe.get(), q);
        warnings.add(
            "Only the newest " + ctx.recent.window() + " entries of this project are kept in"
                + " memory and no search index is available: totals and oldest-first pages cover"
                + " those entries only.");
      }
    }
    return reply(format, project, q, result, pe.map(RecentEntriesView.ProjectEntries::total).orElse(0L),
        fields, compact, includeMeta, source, warnings);
  }

  /** The page size: {@code page_size}, {@code n} or {@code limit} (they must agree), default 10. */
  private static int pageSize(Args a) {
    Long size = null;
    String from = null;
    for (String p : List.of("page_size", "n", "limit")) {
      Long v = a.integer(p);
      if (v == null) continue;
      if (size != null && !size.equals(v)) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Conflicting page sizes: " + from + "=" + size + " and " + p + "=" + v
                + " (n and limit are the page size; give one of them).");
      }
      size = v;
      from = p;
    }
    return size == null ? DEFAULT_PAGE_SIZE : QueryArgs.pageSize(from, size, MAX_PAGE_SIZE);
  }

  /** The window's answer when nothing better is available (every entry it holds, exactly). */
  private static EntryPage windowOnly(RecentEntriesView.ProjectEntries pe, EntryQuery q) {
    List<EntryHit> all = new ArrayList<>();
    long n = pe.total();
    pe.oldestFirst(n, e -> all.add(new EntryHit(e.position(), e.entry())));
    return dev.scribe.domain.query.EntryQueries.page(all, q);
  }

  private static ToolResult reply(
      Format format,
      Project project,
      EntryQuery q,
      EntryPage result,
      long totalAvailable,
      @Nullable List<String> fields,
      boolean compact,
      boolean includeMeta,
      String source,
      List<String> warnings) {
    ObjectNode out = McpJson.object();
    out.put("ok", true);
    ArrayNode entries = out.putArray("entries");
    for (EntryHit h : result.entries()) entries.add(entry(h.entry(), fields, compact, includeMeta));
    out.put("count", result.entries().size());
    ObjectNode pg = out.putObject("pagination");
    pg.put("page", result.page());
    pg.put("page_size", result.pageSize());
    pg.put("total_count", result.total());
    pg.put("has_next", result.hasNext());
    pg.put("has_prev", result.hasPrev());
    out.put("project_name", project.name());
    out.put("order", q.order().wireName());
    ObjectNode lm = out.putObject("limit_metadata");
    lm.put("total_available", totalAvailable);
    lm.put("filtered_count", result.total());
    lm.put("returned_count", result.entries().size());
    lm.put("entries_omitted", Math.max(0, result.total() - result.entries().size()));
    lm.put("mode", compact ? "compact" : format.wireName());
    lm.put("limit_applied", result.pageSize());
    lm.put("source", source);
    out.set("warnings", EntryJson.strings(warnings));

    StringBuilder text = new StringBuilder();
    if (result.entries().isEmpty()) {
      text.append("No entries").append(result.total() > 0 ? " on this page" : "")
          .append(" in project '").append(project.name()).append("' (")
          .append(result.total()).append(" matching).");
    } else {
      long first = result.offset() + 1;
      text.append("Project '").append(project.name()).append("': entries ").append(first)
          .append('–').append(first + result.entries().size() - 1).append(" of ")
          .append(result.total()).append(q.order() == SortOrder.DESC ? ", newest first" : ", oldest first")
          .append(':');
      for (EntryHit h : result.entries()) text.append('\n').append(EntryJson.line(h.entry()));
      if (result.hasNext()) text.append("\n(more: page ").append(result.page() + 1).append(')');
    }
    for (String w : warnings) text.append("\nWarning: ").append(w);
    return format.reply(out, text.toString());
  }

  private static ObjectNode entry(
      EntryAppended e, @Nullable List<String> fields, boolean compact, boolean includeMeta) {
    ObjectNode o = McpJson.object();
    for (String f : fields == null ? FIELDS.keySet() : fields) {
      if (f.equals("meta") && !includeMeta) continue;
      if (f.equals("raw_line") && compact && fields == null) continue;
      String k = compact ? FIELDS.get(f) : f;
      switch (f) {
        case "id" -> o.put(k, e.entryId());
        case "timestamp" -> o.put(k, e.timestamp());
        case "emoji" -> o.put(k, e.emoji());
        case "agent" -> o.put(k, e.agent());
        case "message" -> o.put(k, compact && e.message().length() > 100
            ? e.message().substring(0, 97) + "..." : e.message());
        case "status" -> {
          if (e.status() == null) o.putNull(k);
          else o.put(k, e.status());
        }
        case "priority" -> o.put(k, e.priority());
        case "category" -> {
          if (e.category() == null) o.putNull(k);
          else o.put(k, e.category());
        }
        case "confidence" -> {
          if (e.confidence() == null) o.putNull(k);
          else o.put(k, e.confidence());
        }
        case "tags" -> o.set(k, EntryJson.strings(e.tags()));
        case "log_type" -> o.put(k, e.logType());
        case "meta" -> o.set(k, EntryJson.meta(e.meta()));
        case "raw_line" -> o.put(k, EntryJson.line(e));
        default -> throw new IllegalStateException(f);
      }
    }
    return o;
  }
}
