package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.sentinel.CaseIds;
import dev.scribe.domain.sentinel.MessageSplit;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.sentinel.SentinelLines;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code append_event} (sentinel mode): events in the repository's stream of the UTC day, all of a
 * call's events in one batch (same execution id). Three forms, as the reference (§3.13, B24, B25):
 *
 * <ul>
 *   <li>plain: {@code message} split on {@code split_delimiter} when {@code auto_split} (default),
 *       one event per non-blank part, event type = {@code status} or {@code info}, data {@code
 *       {message, status, emoji, agent, meta, timestamp_utc_override}};
 *   <li>bulk: {@code items_list} (or {@code items} as a JSON array text), one event per item that
 *       has a message (items without one are skipped and listed in {@code warnings});
 *   <li>legacy: {@code event_type} + {@code data}, one event with exactly that data.
 * </ul>
 *
 * A claimed {@code timestamp_utc} is data ({@code timestamp_utc_override}); the event's time is
 * the log's. {@code stagger_seconds} is accepted and ignored (the log orders events).
 */
public final class AppendEventTool {
  public static final String NAME = "append_event";
  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private AppendEventTool() {}

  public static ToolBinding binding(SentinelSupport s) {
    ObjectNode item =
        Schemas.object()
            .prop("message", Schemas.string(""))
            .prop("status", Schemas.string(""))
            .prop("emoji", Schemas.string(""))
            .prop("agent", Schemas.string(""))
            .prop("meta", Schemas.anyObject(""))
            .prop("timestamp_utc", Schemas.string(""))
            .build();
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Sentinel mode: appends events to the repository's sentinel log of the UTC day"
                + " (.scribe/sentinel/<day>/sentinel.jsonl and SENTINEL_LOG.md). Give a message (split"
                + " into one event per line unless auto_split is false), or items_list/items (one event"
                + " per item), or the legacy event_type + data.",
            Schemas.object()
                .prop("message", Schemas.string("the event text; kept exactly"))
                .prop("status", Schemas.string("event type of the plain form (info, success, warn, error, bug, plan, …); default info"))
                .prop("emoji", Schemas.string("stored as data"))
                .prop("agent", Schemas.string("agent display name (data, not identity)"))
                .prop("meta", Schemas.anyOf("metadata: an object or a JSON-object string",
                    Schemas.anyObject(""), Schemas.string("")))
                .prop("timestamp_utc", Schemas.string("claimed time, stored as timestamp_utc_override"))
                .prop("items", Schemas.string("bulk form: a JSON array of items"))
                .prop("items_list", Schemas.array("bulk form: items {message, status, emoji, agent, meta}", item))
                .prop("auto_split", Schemas.bool("split message into one event per line (default true)"))
                .prop("split_delimiter", Schemas.string("delimiter for auto_split (default newline)"))
                .prop("stagger_seconds", Schemas.number("accepted for compatibility; ignored"))
                .prop("event_type", Schemas.string("legacy form: the event type"))
                .prop("data", Schemas.anyOf("legacy form: the event data (object or JSON-object string)",
                    Schemas.anyObject(""), Schemas.string("")))
                .prop("case_id", Schemas.string("the case these events belong to (BUG-/SEC-…)"))
                .prop("affected_projects", Schemas.array("projects the events concern", Schemas.string("")))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("event_type", Schemas.string("the event type, or \"bulk\""))
                .req("written_count", Schemas.integer("events written"))
                .prop("sentinel_day", Schemas.string(""))
                .prop("execution_id", Schemas.string(""))
                .prop("warnings", Schemas.array("", Schemas.string("")))
                .build(),
            ToolAnnotations.forAppends(false));
    return new ToolBinding(def, call -> SentinelSupport.run(() -> append(s, call)));
  }

  private static ToolResult append(SentinelSupport s, ToolCall call) {
    SentinelSupport.Sentinel sn = s.requireSentinel(call);
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String caseId = a.string("case_id");
    if (caseId != null && CaseIds.parse(caseId).isEmpty()) {
      throw new ToolException("invalid_argument", "Invalid case_id '" + caseId + "': " + CaseIds.BAD_PREFIX + " (BUG-YYYY-MM-DD-NNNN).");
    }
    List<String> affected = new ArrayList<>();
    JsonNode ap = a.raw("affected_projects");
    if (ap != null) ap.forEach(p -> affected.add(p.asText()));
    String agent = a.string("agent", "");
    String intent = "tool:" + NAME;
    List<String> warnings = new ArrayList<>();
    List<SentinelEventAppended> events = new ArrayList<>();
    String answerType;

    JsonNode items = itemsOf(a);
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        JsonNode it = items.get(i);
        if (!it.isObject() || !it.path("message").isTextual() || it.path("message").textValue().isEmpty()) {
          warnings.add("item " + i + " has no message: skipped");
          continue;
        }
        SentinelSupport.Args ia = new SentinelSupport.Args((ObjectNode) it);
        String status = ia.string("status");
        String type = eventType(status == null ? "info" : status, "status of item " + i);
        String itemAgent = ia.string("agent", agent);
        ObjectNode data = entryData(ia.string("message", ""), status, ia.string("emoji"),
            ia.has("agent") ? itemAgent : a.string("agent"), meta(ia.raw("meta"), "meta of item " + i),
            ia.string("timestamp_utc"));
        events.add(event(sn, type, intent, itemAgent, affected, data, caseId));
      }
      if (events.isEmpty()) {
        throw new ToolException("invalid_argument", "None of the items has a message: nothing was written.");
      }
      answerType = "bulk";
    } else if (a.has("message")) {
      String message = a.string("message", "");
      String status = a.string("status");
      String type = eventType(status != null ? status : a.string("event_type", "info"), "status");
      List<String> parts = MessageSplit.split(message, a.bool("auto_split", true), a.string("split_delimiter", "\n"));
      if (parts.isEmpty()) {
        throw new ToolException("invalid_argument", "message is blank: nothing was written.");
      }
      ObjectNode meta = meta(a.raw("meta"), "meta");
      for (String part : parts) {
        ObjectNode data = entryData(part, status, a.string("emoji"), a.string("agent"), meta.deepCopy(), a.string("timestamp_utc"));
        events.add(event(sn, type, intent, agent, affected, data, caseId));
      }
      answerType = type;
    } else if (a.has("event_type") || a.has("data")) {
      String type = eventType(a.string("event_type", "info"), "event_type");
      ObjectNode data = object(a.raw("data"), "data");
      if (data.has(SentinelLines.IMPORT_KEY)) {
        throw new ToolException("invalid_argument", "data." + SentinelLines.IMPORT_KEY + " is reserved for imported history.");
      }
      events.add(event(sn, type, intent, agent, affected, data, caseId));
      answerType = type;
    } else {
      throw new ToolException("invalid_argument", "message or items are required");
    }

    EventWriter.Batch batch = EventWriter.batch();
    String stream = Streams.sentinelDay(sn.repoId(), sn.day());
    events.forEach(e -> batch.add(stream, e));
    s.kit.writer().append(call, batch);

    ObjectNode out = SentinelSupport.object();
    out.put("ok", true);
    out.put("event_type", answerType);
    out.put("written_count", events.size());
    out.put("sentinel_day", sn.day());
    out.put("execution_id", call.executionId());
    if (!warnings.isEmpty()) {
      ArrayNode w = out.putArray("warnings");
      warnings.forEach(w::add);
    }
    return ToolResult.success(out, "Appended " + events.size() + " sentinel event(s) ("
        + answerType + ") to " + sn.repoRoot() + "/.scribe/sentinel/" + sn.day() + "/sentinel.jsonl.");
  }

  private static SentinelEventAppended event(
      SentinelSupport.Sentinel sn, String type, String intent, String agent, List<String> affected,
      ObjectNode data, @Nullable String caseId) {
    return new SentinelEventAppended(sn.repoRoot(), sn.repoId(), sn.day(), type, intent, agent,
        affected, data.toString(), caseId);
  }

  /** The data of an entry-style event, in the reference's member order. */
  private static ObjectNode entryData(
      String message, @Nullable String status, @Nullable String emoji, @Nullable String agent,
      ObjectNode meta, @Nullable String timestamp) {
    ObjectNode d = McpJson.object();
    d.put("message", message);
    putOrNull(d, "status", status);
    putOrNull(d, "emoji", emoji);
    putOrNull(d, "agent", agent);
    d.set("meta", meta);
    putOrNull(d, "timestamp_utc_override", timestamp);
    return d;
  }

  private static void putOrNull(ObjectNode d, String k, @Nullable String v) {
    if (v == null) d.putNull(k);
    else d.put(k, v);
  }

  private static String eventType(String type, String param) {
    if (!EVENT_TYPE.matcher(type).matches()) {
      throw new ToolException("invalid_argument",
          "Invalid " + param + " '" + type + "': an event type is 1-64 of A-Z a-z 0-9 _ . : -");
    }
    return type;
  }

  private static @Nullable JsonNode itemsOf(SentinelSupport.Args a) {
    JsonNode list = a.raw("items_list");
    if (list != null) return list;
    String text = a.string("items");
    if (text == null) return null;
    try {
      JsonNode n = McpJson.mapper().readTree(text);
      if (n == null || !n.isArray()) throw new ToolException("invalid_argument", "Invalid JSON in items parameter: a JSON array is expected");
      return n;
    } catch (JsonProcessingException e) {
      throw new ToolException("invalid_argument", "Invalid JSON in items parameter: " + e.getOriginalMessage());
    }
  }

  private static ObjectNode meta(@Nullable JsonNode v, String param) {
    return object(v, param);
  }

  private static ObjectNode object(@Nullable JsonNode v, String param) {
    if (v == null) return McpJson.object();
    if (v.isObject()) return ((ObjectNode) v).deepCopy();
    if (v.isTextual()) {
      String t = v.textValue().trim();
      if (t.isEmpty()) return McpJson.object();
      try {
        JsonNode n = McpJson.mapper().readTree(t);
        if (n != null && n.isObject()) return (ObjectNode) n;
      } catch (JsonProcessingException e) {
        // reported below
      }
    }
    throw SentinelSupport.Args.invalidValue(param, v, "a JSON object is expected");
  }
}
