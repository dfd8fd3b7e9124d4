package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.rotation.RotationPlanner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Realistic events for Markdown view tests, placed on their streams with growing positions. */
final class Events {
  static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
  private long position;
  private final Map<String, Long> versions = new HashMap<>();

  RecordedEvent place(String stream, ScribeEvent e) {
    long v = versions.merge(stream, 1L, Long::sum);
    return new RecordedEvent(++position, stream, v, "s1", "x", AT, e);
  }

  RecordedEvent registered(String name, Path root) {
    Path docs = root.resolve(".scribe/docs/dev_plans").resolve(name.toLowerCase().replace(' ', '_'));
    return place(Streams.PROJECTS, registration(name, root, docs));
  }

  static ProjectRegistered registration(String name, Path root, Path docs) {
    return new ProjectRegistered(
        name, name, root.toString(), docs.toString(), docs.resolve("PROGRESS_LOG.md").toString(),
        Map.of(), "Scribe", null, List.of());
  }

  RecordedEvent entry(String project, String message, String logType, List<String> tees, List<MetaPair> meta) {
    return place(Streams.project(project), entryEvent(project, "e" + (position + 1), message, logType, tees, meta, null));
  }

  /** An entry whose content hash is that of its line (with {@code [ID: …]} when {@code lineId}). */
  static EntryAppended entryEvent(
      String project, String entryId, String message, String logType, List<String> tees,
      List<MetaPair> meta, @Nullable String lineId) {
    String ts = "2026-03-01 09:00:00 UTC";
    String line = new MarkdownLine("ℹ️", ts, "Codex", project, lineId, message, meta).render();
    return new EntryAppended(
        lineId != null ? lineId : entryId, project, logType, tees, ts, AT.toEpochMilli(), "ℹ️", "info",
        "Codex", message, meta, "low", null, List.of(), null,
        RotationPlanner.sha256Hex(line.getBytes(UTF_8)));
  }

  static List<MetaPair> meta(String... kv) {
    MetaPair[] out = new MetaPair[kv.length / 2];
    for (int i = 0; i < out.length; i++) out[i] = new MetaPair(kv[2 * i], kv[2 * i + 1]);
    return List.of(out);
  }
}
