package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.sentinel.SentinelSearch;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.query.QueryEntriesTool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code query_entries} with {@code search_scope: "sentinel"}: the sentinel session's repository's
 * events, through the sentinel index, with the filters of the reference's sentinel extension (day
 * range, time range, execution id, agent, intent, case id, affected project, path, event type) and
 * the same order flag and pagination as project scope (log order by default, {@code order: desc}
 * reverses before pagination, {@code page}/{@code page_size} default 1/10, legacy {@code limit}).
 * Each entry is the event's sentinel JSON line plus its log {@code position}.
 */
public final class SentinelQuery {
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  /** Project-scope filters that mean nothing for sentinel events: refused, never ignored. */
  private static final List<String> NOT_SENTINEL =
      List.of("project", "message", "message_mode", "case_sensitive", "emoji", "status", "meta_filters",
          "priority", "category", "min_confidence", "priority_sort", "fields", "compact", "include_metadata");

  private SentinelQuery() {}

  /** The input-schema properties the sentinel scope adds to query_entries. */
  public static Map<String, ObjectNode> properties() {
    ObjectNode stringOrList = Schemas.anyOf("a list of strings, or one string", Schemas.string(""),
        Schemas.array("", Schemas.string("")));
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("day_from", Schemas.string("sentinel: first UTC day, YYYY-MM-DD (inclusive)"));
    p.put("day_to", Schemas.string("sentinel: last UTC day, YYYY-MM-DD (inclusive)"));
    p.put("execution_id", stringOrList.deepCopy().put("description", "sentinel: execution ids"));
    p.put("intent", stringOrList.deepCopy().put("description", "sentinel: intents, e.g. tool:read_file"));
    p.put("case_id", stringOrList.deepCopy().put("description", "sentinel: case ids (BUG-/SEC-…)"));
    p.put("affected_project", stringOrList.deepCopy().put("description", "sentinel: affected projects"));
    p.put("path", stringOrList.deepCopy().put("description", "sentinel: file paths (absolute or repository-relative; a trailing / matches a directory)"));
    p.put("event_type", stringOrList.deepCopy().put("description", "sentinel: event types (read_file, scope_violation, bug_opened, info, …)"));
    return p;
  }

  /** The handler to register as the sentinel scope of query_entries. */
  public static QueryEntriesTool.ScopeHandler handler(SentinelSupport s, SentinelSearch search, String indexView) {
    return call -> SentinelSupport.run(() -> query(s, search, indexView, call));
  }

  private static ToolResult query(SentinelSupport s, SentinelSearch search, String indexView, ToolCall call) {
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    for (String k : NOT_SENTINEL) {
      if (a.has(k)) {
        throw new ToolException("invalid_argument",
            "'" + k + "' does not apply to search_scope sentinel; its filters are day_from, day_to, start,"
                + " end, execution_id, agent(s), intent, case_id, affected_project, path, event_type.");
      }
    }
    var st = s.session(call.sessionId());
    if (st.isEmpty() || !st.get().isSentinel() || st.get().repoRoot() == null) {
      throw new ToolException("invalid_argument",
          "search_scope 'sentinel' searches a sentinel session's repository: call set_mode"
              + " {mode: \"sentinel\", repo_root} first (a project session searches project, all_projects).");
    }
    String dayFrom = day(a, "day_from");
    String dayTo = day(a, "day_to");
    Instant from = time(a, "start");
    Instant to = time(a, "end");
    if (from != null && to != null && from.isAfter(to)) {
      throw new ToolException("invalid_argument", "start must not be after end");
    }
    List<String> agents = strings(a, "agents");
    if (a.has("agent")) agents.add(a.required("agent"));
    String order = a.string("order", "asc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw new ToolException("invalid_argument", "Invalid order '" + order + "': asc or desc.");
    }
    long page = a.integer("page", 1, 1, Integer.MAX_VALUE);
    long pageSize = a.has("page_size") ? a.integer("page_size", 10, 1, 1000)
        : a.has("limit") && page == 1 ? a.integer("limit", 10, 1, 500) : 10;
    SentinelSearch.Query q = new SentinelSearch.Query(st.get().repoRoot(), dayFrom, dayTo, from, to,
        strings(a, "execution_id"), agents, strings(a, "intent"), strings(a, "case_id"),
        strings(a, "affected_project"), strings(a, "path"), strings(a, "event_type"),
        order.equals("desc"), (int) page, (int) pageSize);
    long position = s.kit.reads().lastPosition();
    s.await(indexView);
    SentinelSearch.Page result = search.search(q, position);

    ObjectNode out = McpJson.object();
    out.put("ok", true);
    ArrayNode entries = out.putArray("entries");
    StringBuilder text = new StringBuilder();
    for (SentinelSearch.Hit h : result.hits()) {
      try {
        ObjectNode e = (ObjectNode) McpJson.mapper().readTree(h.json());
        e.put("position", h.position());
        entries.add(e);
        text.append('\n').append(e.path("timestamp_utc").asText()).append(' ')
            .append(e.path("event_type").asText()).append(' ').append(e.path("intent").asText());
      } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
        throw new IllegalStateException("stored sentinel line is not JSON", ex);
      }
    }
    ObjectNode pg = out.putObject("pagination");
    pg.put("page", page);
    pg.put("page_size", pageSize);
    pg.put("total_entries", result.total());
    pg.put("has_next", page * pageSize < result.total());
    pg.put("has_prev", page > 1);
    out.put("total_found", result.total());
    out.put("returned", result.hits().size());
    out.put("search_scope", "sentinel");
    ObjectNode params = out.putObject("search_params");
    params.put("repo_root", q.repoRoot());
    putIf(params, "day_from", dayFrom);
    putIf(params, "day_to", dayTo);
    if (from != null) params.put("start", from.toString());
    if (to != null) params.put("end", to.toString());
    list(params, "execution_id", q.executionIds());
    list(params, "agents", q.agents());
    list(params, "intent", q.intents());
    list(params, "case_id", q.caseIds());
    list(params, "affected_project", q.projects());
    list(params, "path", q.paths());
    list(params, "event_type", q.eventTypes());
    params.put("order", order);
    out.put("log_position", position);
    return ToolResult.success(out, result.hits().size() + " of " + result.total() + " sentinel event(s)" + text);
  }

  private static @Nullable String day(SentinelSupport.Args a, String name) {
    String d = a.string(name);
    if (d == null) return null;
    if (!DAY.matcher(d).matches()) {
      throw new ToolException("invalid_argument", "Invalid " + name + " '" + d + "': YYYY-MM-DD expected.");
    }
    return d;
  }

  private static @Nullable Instant time(SentinelSupport.Args a, String name) {
    String t = a.string(name);
    if (t == null) return null;
    return Timestamps.parseClaimed(t).orElseThrow(() -> new ToolException("invalid_argument", Timestamps.unparsable(t)));
  }

  private static List<String> strings(SentinelSupport.Args a, String name) {
    List<String> out = new ArrayList<>();
    JsonNode v = a.raw(name);
    if (v == null) return out;
    if (v.isArray()) v.forEach(x -> out.add(x.asText()));
    else out.add(v.asText());
    return out;
  }

  private static void putIf(ObjectNode o, String k, @Nullable String v) {
    if (v != null) o.put(k, v);
  }

  private static void list(ObjectNode o, String k, List<String> v) {
    if (v.isEmpty()) return;
    ArrayNode arr = o.putArray(k);
    v.forEach(arr::add);
  }
}
