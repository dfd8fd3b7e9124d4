package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One log entry of a project. Stream: {@code project-<name>}.
 *
 * <p>{@code meta} is the complete ordered pair list of the primary log's Markdown line (user keys,
 * then priority, category, tags, confidence, log_type, content_type for entries written by
 * Scribe; exactly as found for imported lines), so rendering is lossless. The typed fields repeat
 * what filters need.
 *
 * @param entryId unique per entry (never a content hash)
 * @param logType the primary log ({@code progress}, {@code bugs}, {@code security}, {@code
 *     doc_updates}, …)
 * @param teeLogTypes further logs the line is also written to, in order (a tee copy carries {@code
 *     log_type=<tee type>})
 * @param timestamp the claimed time exactly as rendered in the line (normally {@code yyyy-MM-dd
 *     HH:mm:ss UTC})
 * @param timestampMillis the claimed time as epoch milliseconds, for range filters
 * @param status the status the caller gave ({@code info}, {@code success}, …), or null
 * @param contentSha256 SHA-256 over the rendered primary line, kept apart from the id
 */
public record EntryAppended(
    String entryId,
    String project,
    String logType,
    List<String> teeLogTypes,
    String timestamp,
    long timestampMillis,
    String emoji,
    @Nullable String status,
    String agent,
    String message,
    List<MetaPair> meta,
    String priority,
    @Nullable String category,
    List<String> tags,
    @Nullable Double confidence,
    String contentSha256)
    implements ScribeEvent {
  public EntryAppended {
    requireNonNull(entryId, "entryId");
    requireNonNull(project, "project");
    requireNonNull(logType, "logType");
    teeLogTypes = List.copyOf(requireNonNull(teeLogTypes, "teeLogTypes"));
    requireNonNull(timestamp, "timestamp");
    requireNonNull(emoji, "emoji");
    requireNonNull(agent, "agent");
    requireNonNull(message, "message");
    meta = List.copyOf(requireNonNull(meta, "meta"));
    requireNonNull(priority, "priority");
    tags = List.copyOf(requireNonNull(tags, "tags"));
    requireNonNull(contentSha256, "contentSha256");
    if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }
  }
}
