package dev.scribe.tools.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.InvalidQueryException;
import dev.scribe.mcp.McpJson;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entry as {@code query_entries} shows it, shaped by {@code fields}, {@code compact} and {@code
 * include_metadata}.
 */
final class EntryJson {
  /** Every field, with its compact key. */
  static final Map<String, String> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("id", "i");
    FIELDS.put("ts", "t");
    FIELDS.put("emoji", "e");
    FIELDS.put("agent", "a");
    FIELDS.put("project", "p");
    FIELDS.put("message", "m");
    FIELDS.put("meta", "mt");
    FIELDS.put("status", "s");
    FIELDS.put("priority", "pr");
    FIELDS.put("category", "c");
    FIELDS.put("confidence", "cf");
    FIELDS.put("tags", "tg");
    FIELDS.put("log_type", "lt");
    FIELDS.put("position", "pos");
    FIELDS.put("raw_line", "r");
  }

  /** Compact messages are cut to this many characters (plus "…"), as read_recent does. */
  static final int COMPACT_MESSAGE = 100;

  private final Set<String> fields;
  private final boolean compact;

  private EntryJson(Set<String> fields, boolean compact) {
    this.fields = fields;
    this.compact = compact;
  }

  /**
   * @param requested {@code fields} (empty: all; compact leaves out {@code raw_line} unless asked)
   * @throws InvalidQueryException for an unknown field
   */
  static EntryJson of(List<String> requested, boolean compact, boolean includeMetadata) {
    Set<String> fields = new LinkedHashSet<>();
    for (String f : requested) {
      if (!FIELDS.containsKey(f)) {
        throw new InvalidQueryException(
            "fields", f, "Unknown field '" + f + "' in fields: expected any of "
                + String.join(", ", FIELDS.keySet()) + ".");
      }
      fields.add(f);
    }
    if (fields.isEmpty()) {
      fields.addAll(FIELDS.keySet());
      if (compact) fields.remove("raw_line");
    }
    if (!includeMetadata) fields.remove("meta");
    return new EntryJson(fields, compact);
  }

  ObjectNode render(EntryHit hit) {
    EntryAppended e = hit.entry();
    ObjectNode o = McpJson.object();
    for (String f : fields) {
      String k = compact ? FIELDS.get(f) : f;
      switch (f) {
        case "id":
          o.put(k, e.entryId());
          break;
        case "ts":
          o.put(k, e.timestamp());
          break;
        case "emoji":
          o.put(k, e.emoji());
          break;
        case "agent":
          o.put(k, e.agent());
          break;
        case "project":
          o.put(k, e.project());
          break;
        case "message":
          String m = e.message();
          if (compact && m.length() > COMPACT_MESSAGE) {
            int cut = Character.isHighSurrogate(m.charAt(COMPACT_MESSAGE - 1)) ? COMPACT_MESSAGE - 1 : COMPACT_MESSAGE;
            m = m.substring(0, cut) + "…";
          }
          o.put(k, m);
          break;
        case "meta":
          ObjectNode meta = o.putObject(k);
          for (MetaPair p : e.meta()) meta.put(p.key(), p.value());
          break;
        case "status":
          if (e.status() == null) o.putNull(k);
          else o.put(k, e.status());
          break;
        case "priority":
          o.put(k, e.priority());
          break;
        case "category":
          if (e.category() == null) o.putNull(k);
          else o.put(k, e.category());
          break;
        case "confidence":
          if (e.confidence() == null) o.putNull(k);
          else o.put(k, e.confidence());
          break;
        case "tags":
          ArrayNode tags = o.putArray(k);
          e.tags().forEach(tags::add);
          break;
        case "log_type":
          o.put(k, e.logType());
          break;
        case "position":
          o.put(k, hit.position());
          break;
        case "raw_line":
          o.put(k, rawLine(e));
          break;
        default:
          throw new AssertionError(f);
      }
    }
    return o;
  }

  /** The entry's primary Markdown line, as the progress log shows it. */
  static String rawLine(EntryAppended e) {
    return new MarkdownLine(e.emoji(), e.timestamp(), e.agent(), e.project(), null, e.message(), e.meta())
        .render();
  }
}
