package dev.scribe.domain.query;

import dev.scribe.domain.entry.Status;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Test entries with only the fields a test cares about. */
final class Entries {
  private Entries() {}

  static EntryAppended entry(String project, String message) {
    return entry(project, message, "2025-01-03T10:00:00Z", Status.INFO, "A", List.of());
  }

  static EntryAppended entry(
      String project, String message, String time, @Nullable Status status, String agent,
      List<MetaPair> meta) {
    return entry(project, message, time, status, agent, meta, "medium", null, null);
  }

  static EntryAppended entry(
      String project, String message, String time, @Nullable Status status, String agent,
      List<MetaPair> meta, String priority, @Nullable String category, @Nullable Double confidence) {
    Instant t = Instant.parse(time);
    return new EntryAppended(
        "id-" + message.hashCode(), project, "progress", List.of(),
        dev.scribe.domain.entry.Timestamps.format(t), t.toEpochMilli(),
        status == null ? Status.DEFAULT_EMOJI : status.emoji(),
        status == null ? null : status.wireName(), agent, message, meta, priority, category,
        List.of(), confidence, "0".repeat(64));
  }

  static List<EntryHit> hits(List<EntryAppended> entries) {
    List<EntryHit> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) out.add(new EntryHit(i + 1, entries.get(i)));
    return out;
  }
}
