package dev.scribe.domain;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.ScribeEvent;
import java.time.Instant;

/**
 * An event as the log recorded it: the decoded payload with the envelope facts projections need.
 *
 * @param position global, gap-free, starting at 1
 * @param streamVersion the event's 1-based place in its stream
 * @param sessionId the session whose tool call caused it ({@code ""} for server-internal events)
 * @param executionId the tool call that caused it ({@code ""} when none)
 * @param recordedAt when the log recorded it (the injected clock)
 */
public record RecordedEvent(
    long position,
    String stream,
    long streamVersion,
    String sessionId,
    String executionId,
    Instant recordedAt,
    ScribeEvent event) {
  public RecordedEvent {
    requireNonNull(stream, "stream");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(executionId, "executionId");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(event, "event");
  }
}
