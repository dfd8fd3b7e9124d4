package dev.scribe.projections.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.Json;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.MetaPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The provenance line of a project-mode {@code read_file} in the project's progress log (the
 * Markdown view calls this for every {@code FileRead} of a project). It follows the entry grammar
 * (reference §2.3) with the line timestamp format and the call's agent display name — the reference
 * wrote an ISO time and a process uuid here (§8.2 item 9):
 *
 * <pre>[📖] [2026-03-01 09:00:00 UTC] [Agent: Codex] [Project: alpha] read_file chunk src/a.py | byte_size=…; …; sha256=…; log_type=progress; content_type=log</pre>
 *
 * The metadata are the scan fields, the mode, the range and the execution and session ids, sorted
 * by key, then {@code log_type} and {@code content_type}, as entry lines order theirs.
 */
public final class ReadProvenance {
  public static final String EMOJI = "📖";

  private ReadProvenance() {}

  public static String line(RecordedEvent r, FileRead f) {
    Map<String, String> meta = new TreeMap<>();
    meta.put("read_mode", f.readMode());
    meta.put("absolute_path", f.absolutePath());
    if (f.repoRelativePath() != null) meta.put("repo_relative_path", f.repoRelativePath());
    meta.put("byte_size", Long.toString(f.byteSize()));
    meta.put("line_count", Long.toString(f.lineCount()));
    meta.put("sha256", f.sha256());
    meta.put("newline_type", f.newlineType());
    meta.put("encoding", f.encoding());
    meta.put("estimated_chunk_count", Long.toString(f.estimatedChunkCount()));
    meta.put("execution_id", r.executionId());
    meta.put("session_id", r.sessionId());
    try {
      JsonNode range = Json.mapper().readTree(f.rangeJson());
      for (Iterator<Map.Entry<String, JsonNode>> it = range.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        meta.putIfAbsent(e.getKey(), v.isValueNode() && !v.isNull() ? v.asText() : v.toString());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("FileRead range is not JSON: " + f.rangeJson(), e);
    }
    List<MetaPair> pairs = new ArrayList<>();
    meta.forEach((k, v) -> pairs.add(new MetaPair(k, value(v))));
    pairs.add(new MetaPair("log_type", "progress"));
    pairs.add(new MetaPair("content_type", "log"));
    String shown = f.repoRelativePath() != null ? f.repoRelativePath() : f.absolutePath();
    String agent = f.agent().replace("[", "").replace("]", "").replace("|", "").trim();
    return new MarkdownLine(EMOJI, Timestamps.format(r.recordedAt()), agent.isEmpty() ? "Scribe" : agent,
        f.project() == null ? "" : f.project(), null, "read_file " + f.readMode() + " " + shown, pairs).render();
  }

  /** A meta value on one line (as the reference sanitises values: newline, CR and pipe become spaces). */
  private static String value(String v) {
    return v.replace('\n', ' ').replace('\r', ' ').replace('|', ' ');
  }
}
