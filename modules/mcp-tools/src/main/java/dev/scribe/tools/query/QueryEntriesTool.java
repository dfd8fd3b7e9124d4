package dev.scribe.tools.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.EntrySearch;
import dev.scribe.domain.query.InvalidQueryException;
import dev.scribe.domain.query.MessageMatch;
import dev.scribe.domain.query.MessageMode;
import dev.scribe.domain.query.QueryArgs;
import dev.scribe.domain.query.SearchUnavailableException;
import dev.scribe.domain.query.SortOrder;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.SessionState;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.Views;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code query_entries}: filtered, paginated entries from the search index (reference §3.8, the
 * INTENDED column; docs/tools-design.md §6).
 *
 * <ul>
 *   <li>Scope: {@code search_scope} {@code project} (default: the session's bound project) or
 *       {@code all_projects} (every project; each entry carries {@code project}). Further scopes
 *       (sentinel) are plugged in with {@link Builder#scope}; the reference's other values
 *       ({@code global, research, bugs, all}) are errors.
 *   <li>{@code project} (B65): names the project to read instead of the bound one. It must be a
 *       live project ({@code project_not_found} otherwise); the answer is that project's entries,
 *       tagged with it — never silently the caller's. The session must still be bound (every
 *       project-mode read is), and {@code project} cannot be combined with {@code all_projects}.
 *   <li>Filters (all before pagination): {@code message} + {@code message_mode} (substring |
 *       regex | exact) + {@code case_sensitive}; {@code start}/{@code end} inclusive (date-only end
 *       = end of day; start after end is an error); {@code emoji}; {@code status} (each means its
 *       emoji); {@code agents} (+ {@code agent}); {@code meta_filters} (exact per key); {@code
 *       priority}; {@code category}; {@code min_confidence}.
 *   <li>Order: {@code asc} (default, log order) or {@code desc} (reversed before pagination);
 *       {@code priority_sort} groups critical → low first. Pages: {@code page}, {@code page_size}
 *       (default 10, at most 1000), legacy {@code limit} = page size of page 1 (at most 500).
 *   <li>Shape: {@code fields}, {@code compact}, {@code include_metadata}, {@code format}.
 * </ul>
 *
 * Freshness: the answer covers the log as it was when the call started (read-your-writes): the
 * handler waits until the projects view and the index have applied that position and the index's
 * searcher covers it.
 */
public final class QueryEntriesTool {
  public static final String NAME = "query_entries";
  static final int DEFAULT_PAGE_SIZE = 10;
  static final int MAX_PAGE_SIZE = 1000;
  static final int MAX_LIMIT = 500;
  static final String SENTINEL = "sentinel";
  /** The reference's scopes this server does not serve (the search index holds entries only). */
  static final List<String> UNSUPPORTED_SCOPES = List.of("global", "research", "bugs", "all");

  /** A {@code search_scope} served by another handler (the sentinel helper's, for example). */
  @FunctionalInterface
  public interface ScopeHandler {
    CompletionStage<ToolResult> call(ToolCall call);
  }

  private final ToolKit kit;
  private final SessionsView sessions;
  private final ProjectsView projects;
  private final EntrySearch search;
  private final String searchView;
  private final Map<String, ScopeHandler> extraScopes;

  private QueryEntriesTool(Builder b) {
    this.kit = b.kit;
    this.sessions = b.sessions;
    this.projects = b.projects;
    this.search = b.search;
    this.searchView = b.searchView;
    this.extraScopes = Map.copyOf(b.extraScopes);
  }

  /**
   * @param searchView the name of the projection behind {@code search} (awaited for freshness)
   */
  public static Builder builder(
      ToolKit kit, SessionsView sessions, ProjectsView projects, EntrySearch search, String searchView) {
    return new Builder(kit, sessions, projects, search, searchView);
  }

  /** Assembles the tool; {@link #scope} is the extension point for further search scopes. */
  public static final class Builder {
    private final ToolKit kit;
    private final SessionsView sessions;
    private final ProjectsView projects;
    private final EntrySearch search;
    private final String searchView;
    private final Map<String, ScopeHandler> extraScopes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> extraProperties = new LinkedHashMap<>();

    private Builder(
        ToolKit kit, SessionsView sessions, ProjectsView projects, EntrySearch search, String searchView) {
      this.kit = requireNonNull(kit, "kit");
      this.sessions = requireNonNull(sessions, "sessions");
      this.projects = requireNonNull(projects, "projects");
      this.search = requireNonNull(search, "search");
      this.searchView = requireNonNull(searchView, "searchView");
    }

    /**
     * Serves {@code search_scope: name} with {@code handler}, which gets the whole call (and
     * parses its own arguments). {@code sentinel} is also the default scope of a session in
     * sentinel mode once registered.
     *
     * @param properties extra input-schema properties the scope accepts
     */
    public Builder scope(String name, ScopeHandler handler, Map<String, ObjectNode> properties) {
      if (name.equals("project") || name.equals("all_projects")) {
        throw new IllegalArgumentException("scope '" + name + "' is built in");
      }
      extraScopes.put(name, requireNonNull(handler, "handler"));
      extraProperties.putAll(properties);
      return this;
    }

    public ToolBinding build() {
      QueryEntriesTool tool = new QueryEntriesTool(this);
      return new ToolBinding(tool.definition(extraProperties), tool::call);
    }
  }

  // ---- definition --------------------------------------------------------------------------

  private List<String> scopes() {
    List<String> out = new ArrayList<>(List.of("project", "all_projects"));
    out.addAll(extraScopes.keySet());
    return out;
  }

  private ToolDefinition definition(Map<String, ObjectNode> extra) {
    ObjectNode stringOrList =
        Schemas.anyOf(
            "a list of strings, or one string", Schemas.string(""),
            Schemas.array("", Schemas.string("")));
    Schemas.ObjectBuilder in =
        Schemas.object()
            .prop("project", Schemas.string(
                "read this project's entries instead of the session's bound project (it must exist);"
                    + " the session must be bound"))
            .prop("search_scope", Schemas.string(
                "whose entries: " + String.join(" | ", scopes()) + " (default project)"))
            .prop("message", Schemas.string("text to find in the whole message"))
            .prop("message_mode", Schemas.string("substring (default) | regex (Java syntax, found anywhere) | exact"))
            .prop("case_sensitive", Schemas.bool("default false"))
            .prop("start", Schemas.string("inclusive lower bound on the entry time: ISO-8601 or 'YYYY-MM-DD[ HH:MM[:SS]][ UTC]'; a date means 00:00:00"))
            .prop("end", Schemas.string("inclusive upper bound; a date alone means the end of that day"))
            .prop("emoji", stringOrList.deepCopy().put("description", "entry emoji is one of these"))
            .prop("status", stringOrList.deepCopy().put("description", "statuses (" + Status.allowed() + "); each means its emoji"))
            .prop("agent", Schemas.string("exact agent name (merged into agents)"))
            .prop("agents", stringOrList.deepCopy().put("description", "exact agent names"))
            .prop("meta_filters", Schemas.anyOf(
                "exact string equality per meta key; keys match ^[A-Za-z0-9_.:-]+$",
                Schemas.anyObject(""), Schemas.string("a JSON object")))
            .prop("priority", stringOrList.deepCopy().put("description", Priority.allowed()))
            .prop("category", stringOrList.deepCopy().put("description", Category.allowed()))
            .prop("min_confidence", Schemas.number("entries with confidence >= this (0..1); entries without one are left out"))
            .prop("priority_sort", Schemas.bool("group critical, high, medium, low first; each group in order"))
            .prop("order", Schemas.string("asc (default: log order, oldest first) | desc (newest first, before pagination)"))
            .prop("page", Schemas.integer("1-based page (default 1)", 1))
            .prop("page_size", Schemas.integer("entries per page (default 10, at most 1000)", 1))
            .prop("limit", Schemas.integer("legacy: page size of page 1 (at most 500)", 1))
            .prop("fields", stringOrList.deepCopy().put("description", "keep only these entry keys: " + String.join(", ", EntryJson.FIELDS.keySet())))
            .prop("compact", Schemas.bool("short keys (i, t, e, a, p, m, mt, …) and messages cut to 100 characters"))
            .prop("include_metadata", Schemas.bool("default true; false drops meta"))
            .prop("format", Schemas.string("readable (default) | structured | compact | both: only the text block changes"));
    extra.forEach(in::prop);
    ObjectNode pagination =
        Schemas.object()
            .req("page", Schemas.integer(""))
            .req("page_size", Schemas.integer(""))
            .req("total_entries", Schemas.integer("matching entries across all pages"))
            .req("has_next", Schemas.bool(""))
            .req("has_prev", Schemas.bool(""))
            .build();
    ObjectNode out =
        Schemas.object()
            .req("ok", Schemas.bool(""))
            .req("entries", Schemas.array("the page, in order", Schemas.anyObject("an entry (keys per fields/compact)")))
            .req("pagination", pagination)
            .req("total_found", Schemas.integer("matching entries across all pages"))
            .req("returned", Schemas.integer("entries on this page"))
            .req("search_scope", Schemas.string(""))
            .prop("project_name", Schemas.string("the project read (absent for all_projects)"))
            .req("search_params", Schemas.anyObject("the query as understood"))
            .req("log_position", Schemas.integer("the answer covers the log up to this position"))
            .build();
    return ToolDefinition.of(
        NAME,
        "Searches log entries with filters and pagination. Defaults: the session's project, oldest"
            + " first (log order), 10 per page. Filters: message (substring | regex | exact,"
            + " case_sensitive), start/end (inclusive), emoji, status, agents, meta_filters,"
            + " priority, category, min_confidence. order desc = newest first. search_scope"
            + " all_projects searches every project (each entry names its project).",
        in.closed().build(),
        out,
        ToolAnnotations.forReads());
  }

  // ---- handling ----------------------------------------------------------------------------

  private CompletionStage<ToolResult> call(ToolCall call) {
    JsonArgs args = new JsonArgs(call.arguments());
    try {
      String scope = args.string("search_scope");
      if (scope == null) {
        boolean sentinelSession = sessions.find(call.sessionId()).map(SessionState::isSentinel).orElse(false);
        scope = sentinelSession && extraScopes.containsKey(SENTINEL) ? SENTINEL : "project";
      }
      ScopeHandler extra = extraScopes.get(scope);
      if (extra != null) return extra.call(call);
      return CompletableFuture.completedFuture(query(call, args, scope));
    } catch (InvalidQueryException e) {
      return done(ToolResult.error("invalid_argument", e.getMessage()));
    } catch (DomainException e) {
      return done(ToolResult.error(e.code(), e.getMessage()));
    } catch (SearchUnavailableException e) {
      return done(ToolResult.error("unavailable", e.getMessage()));
    }
  }

  private static CompletionStage<ToolResult> done(ToolResult r) {
    return CompletableFuture.completedFuture(r);
  }

  private ToolResult query(ToolCall call, JsonArgs args, String scopeName) {
    long position = kit.reads().lastPosition(); // read-your-writes: cover the log as of now
    if (!scopeName.equals("project") && !scopeName.equals("all_projects")) {
      String why =
          UNSUPPORTED_SCOPES.contains(scopeName) || SENTINEL.equals(scopeName)
              ? "is not supported by this server"
              : "is unknown";
      throw new InvalidQueryException(
          "search_scope", scopeName, "search_scope '" + scopeName + "' " + why + ": expected one of "
              + String.join(", ", scopes()) + ".");
    }
    // Arguments first: bad input is reported as such whatever the session's state.
    Format format = Format.parse(args.string("format"));
    String projectArg = args.string("project");
    if (projectArg != null && scopeName.equals("all_projects")) {
      throw new InvalidQueryException(
          "project", projectArg, "project '" + projectArg + "' cannot be combined with search_scope"
              + " all_projects: omit one of them.");
    }
    Parsed parsed = parse(args);
    EntryJson shape =
        EntryJson.of(
            args.strings("fields", true), args.bool("compact", false), args.bool("include_metadata", true));

    Project bound = boundProject(call.sessionId(), position);
    EntryScope scope;
    String projectName = null;
    if (scopeName.equals("all_projects")) {
      scope = EntryScope.allProjects();
    } else if (projectArg == null || projectArg.equals(bound.name())) {
      projectName = bound.name();
      scope = EntryScope.project(projectName);
    } else {
      Project other =
          projects.find(projectArg)
              .orElseThrow(() -> new DomainException(
                  DomainException.Codes.PROJECT_NOT_FOUND, "Project '" + projectArg + "' not found."));
      projectName = other.name();
      scope = EntryScope.project(projectName);
    }
    EntryQuery q = parsed.builder(scope).build();

    await(searchView, position);
    EntryPage page = search.search(q, position);

    ObjectNode out = McpJson.object();
    out.put("ok", true);
    out.put("search_scope", scopeName);
    if (projectName != null) out.put("project_name", projectName);
    ArrayNode entries = out.putArray("entries");
    for (EntryHit h : page.entries()) entries.add(shape.render(h));
    out.put("returned", page.entries().size());
    out.put("total_found", page.total());
    ObjectNode pg = out.putObject("pagination");
    pg.put("page", page.page());
    pg.put("page_size", page.pageSize());
    pg.put("total_entries", page.total());
    pg.put("has_next", page.hasNext());
    pg.put("has_prev", page.hasPrev());
    out.set("search_params", parsed.echo(scopeName, projectName));
    out.put("log_position", position);
    return format.reply(out, summary(page, q, projectName));
  }

  private static String summary(EntryPage page, EntryQuery q, @Nullable String project) {
    StringBuilder b = new StringBuilder();
    b.append(page.total()).append(page.total() == 1 ? " entry" : " entries").append(" found in ")
        .append(project == null ? "all projects" : "project '" + project + "'");
    long pages = Math.max(1, (page.total() + page.pageSize() - 1) / page.pageSize());
    b.append(" (page ").append(page.page()).append(" of ").append(pages).append(", ")
        .append(q.order() == SortOrder.ASC ? "oldest first" : "newest first")
        .append(q.prioritySort() ? ", by priority" : "").append(')');
    if (page.entries().isEmpty()) {
      b.append(page.total() > 0 ? "; this page is empty." : ".");
      return b.toString();
    }
    b.append(':');
    for (EntryHit h : page.entries()) b.append('\n').append(EntryJson.rawLine(h.entry()));
    if (page.hasNext()) b.append("\n(more on page ").append(page.page() + 1).append(')');
    return b.toString();
  }

  // ---- the caller's project ----------------------------------------------------------------

  /** The session's bound project: {@code no_project_bound} / {@code project_deleted} otherwise. */
  private Project boundProject(String sessionId, long position) {
    if (projects.version() != kit.streams().streamVersion(Streams.PROJECTS)) {
      await(ProjectsView.NAME, position);
    }
    return Bindings.resolve(Views.binding(kit, sessions, sessionId), projects);
  }


  private void await(String view, long position) {
    Views.await(kit, view, position);
  }

  // ---- arguments ---------------------------------------------------------------------------

  /** Everything but the scope, parsed strictly; {@link #echo} shows it back. */
  private record Parsed(
      @Nullable MessageMatch message,
      String messageMode,
      boolean caseSensitive,
      @Nullable String startText,
      @Nullable Instant start,
      @Nullable String endText,
      @Nullable Instant end,
      List<String> emojis,
      Set<Status> statuses,
      Set<String> agents,
      Map<String, String> meta,
      Set<Priority> priorities,
      Set<Category> categories,
      @Nullable Double minConfidence,
      SortOrder order,
      boolean prioritySort,
      int page,
      int pageSize) {

    EntryQuery.Builder builder(EntryScope scope) {
      return EntryQuery.builder(scope)
          .message(message).start(start).end(end).emojis(emojis).statuses(statuses)
          .agents(agents).metaEquals(meta).priorities(priorities).categories(categories)
          .minConfidence(minConfidence).order(order).prioritySort(prioritySort)
          .page(page).pageSize(pageSize);
    }

    ObjectNode echo(String scope, @Nullable String project) {
      ObjectNode o = McpJson.object();
      o.put("search_scope", scope);
      if (project == null) o.putNull("project");
      else o.put("project", project);
      if (message == null) o.putNull("message");
      else o.put("message", message.text());
      o.put("message_mode", messageMode);
      o.put("case_sensitive", caseSensitive);
      putText(o, "start", startText);
      putText(o, "end", endText);
      putList(o, "emoji", emojis);
      List<String> st = new ArrayList<>();
      statuses.forEach(s -> st.add(s.wireName()));
      putList(o, "status", st);
      putList(o, "agents", new ArrayList<>(agents));
      ObjectNode mf = o.putObject("meta_filters");
      meta.forEach(mf::put);
      List<String> pr = new ArrayList<>();
      priorities.forEach(p -> pr.add(p.wireName()));
      putList(o, "priority", pr);
      List<String> ca = new ArrayList<>();
      categories.forEach(c -> ca.add(c.wireName()));
      putList(o, "category", ca);
      if (minConfidence == null) o.putNull("min_confidence");
      else o.put("min_confidence", minConfidence);
      o.put("order", order.wireName());
      o.put("priority_sort", prioritySort);
      o.put("page", page);
      o.put("page_size", pageSize);
      return o;
    }

    private static void putText(ObjectNode o, String k, @Nullable String v) {
      if (v == null) o.putNull(k);
      else o.put(k, v);
    }

    private static void putList(ObjectNode o, String k, List<String> values) {
      ArrayNode a = o.putArray(k);
      values.forEach(a::add);
    }
  }

  private static Parsed parse(JsonArgs args) {
    String modeText = args.string("message_mode");
    MessageMode mode = modeText == null ? MessageMode.SUBSTRING : MessageMode.parse(modeText);
    boolean caseSensitive = args.bool("case_sensitive", false);
    MessageMatch message = QueryArgs.message(args.string("message"), mode.wireName(), caseSensitive);

    String startText = args.string("start");
    String endText = args.string("end");
    Instant start = startText == null ? null : QueryArgs.bound("start", startText, false);
    Instant end = endText == null ? null : QueryArgs.bound("end", endText, true);
    if (start != null && end != null) QueryArgs.requireOrdered(startText, start, endText, end);

    List<String> emojis = args.strings("emoji", false);
    Set<Status> statuses = QueryArgs.statuses(args.strings("status", true));
    Set<String> agents = QueryArgs.agents(args.string("agent"), args.strings("agents", false));
    Map<String, String> meta = args.stringMap("meta_filters");
    for (String key : meta.keySet()) QueryArgs.metaKey(key);
    Set<Priority> priorities = QueryArgs.priorities(args.strings("priority", true));
    Set<Category> categories = QueryArgs.categories(args.strings("category", true));
    Double minConfidence = args.number("min_confidence");
    if (minConfidence != null) QueryArgs.minConfidence(minConfidence);

    String orderText = args.string("order");
    SortOrder order = orderText == null ? SortOrder.ASC : SortOrder.parse(orderText);
    boolean prioritySort = args.bool("priority_sort", false);

    Long pageArg = args.integer("page");
    Long sizeArg = args.integer("page_size");
    Long limitArg = args.integer("limit");
    int page = pageArg == null ? 1 : QueryArgs.page(pageArg);
    int pageSize;
    if (limitArg != null) {
      if (sizeArg != null) {
        throw new InvalidQueryException(
            "limit", limitArg.toString(), "Give either limit (legacy) or page_size, not both.");
      }
      if (page != 1) {
        throw new InvalidQueryException(
            "limit", limitArg.toString(), "limit is the page size of page 1; use page_size to"
                + " read page " + page + ".");
      }
      pageSize = QueryArgs.pageSize("limit", limitArg, MAX_LIMIT);
    } else {
      pageSize = sizeArg == null ? DEFAULT_PAGE_SIZE : QueryArgs.pageSize("page_size", sizeArg, MAX_PAGE_SIZE);
    }
    return new Parsed(
        message, mode.wireName(), caseSensitive, startText, start, endText, end, emojis, statuses,
        agents, meta, priorities, categories, minConfidence, order, prioritySort, page, pageSize);
  }

  /** {@code format}: only the text block changes (docs/tools-design.md §2). */
  private enum Format {
    READABLE,
    STRUCTURED,
    COMPACT,
    BOTH;

    static Format parse(@Nullable String s) {
      if (s == null) return READABLE;
      for (Format f : values()) if (f.name().equalsIgnoreCase(s) && s.equals(s.toLowerCase(java.util.Locale.ROOT))) return f;
      throw new InvalidQueryException(
          "format", s, "Invalid format '" + s + "': expected readable, structured, compact or both.");
    }

    ToolResult reply(ObjectNode structured, String summary) {
      switch (this) {
        case READABLE:
          return ToolResult.success(structured, summary);
        case BOTH:
          return ToolResult.success(structured, summary + "\n\n" + McpJson.text(structured));
        default:
          return ToolResult.success(structured, McpJson.text(structured));
      }
    }
  }
}
