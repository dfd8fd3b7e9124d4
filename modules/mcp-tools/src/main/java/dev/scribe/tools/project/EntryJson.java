package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.entry.Reminder;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.mcp.McpJson;
import java.util.List;

/** Entries and reminders as JSON. */
final class EntryJson {
  private EntryJson() {}

  /** The primary Markdown line of an entry, exactly as the Markdown view writes it. */
  static String line(EntryAppended e) {
    return new MarkdownLine(e.emoji(), e.timestamp(), e.agent(), e.project(), null, e.message(), e.meta())
        .render();
  }

  static ObjectNode meta(List<MetaPair> pairs) {
    ObjectNode m = McpJson.object();
    for (MetaPair p : pairs) if (!m.has(p.key())) m.put(p.key(), p.value());
    return m;
  }

  static ArrayNode reminders(List<Reminder> reminders) {
    ArrayNode a = McpJson.mapper().createArrayNode();
    for (Reminder r : reminders) {
      a.addObject()
          .put("level", r.level())
          .put("score", r.score())
          .put("emoji", r.emoji())
          .put("category", r.category())
          .put("message", r.message())
          .put("tone", r.tone());
    }
    return a;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = McpJson.mapper().createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
