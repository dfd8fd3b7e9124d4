package dev.scribe.server.bus;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.SampleEvents;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.tck.SequentialIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A log with a fixed clock and sequential ids, and events appended the way tools append them. */
final class BusFixtures {
  static final EventCodec CODEC = new EventCodec();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T16:32:20Z"), ZoneOffset.UTC);
  private static final EntryAppended SAMPLE_ENTRY =
      (EntryAppended)
          SampleEvents.all().stream()
              .filter(e -> e instanceof EntryAppended)
              .findFirst()
              .orElseThrow();

  private BusFixtures() {}

  static InMemoryEventLog log() {
    return InMemoryEventLog.create(CLOCK, new SequentialIds("evt"));
  }

  static AppendResult append(
      InMemoryEventLog log, ScribeEvent event, String stream, String session) {
    return log.append(AppendRequest.of(CODEC.toNew(event, stream, session, "")));
  }

  static AppendResult opened(InMemoryEventLog log, String session) {
    return append(
        log,
        new SessionOpened(session, "http", "claude-code", "2.1.0", "2025-11-25"),
        Streams.session(session),
        session);
  }

  static AppendResult bound(InMemoryEventLog log, String session, String project) {
    return append(log, new ProjectBound(session, project), Streams.binding(session), session);
  }

  static AppendResult deleted(InMemoryEventLog log, String project) {
    return append(log, new ProjectDeleted(project, "permanent", null), Streams.PROJECTS, "");
  }

  static EntryAppended entry(String project, String entryId) {
    EntryAppended s = SAMPLE_ENTRY;
    return new EntryAppended(
        entryId,
        project,
        s.logType(),
        s.teeLogTypes(),
        s.timestamp(),
        s.timestampMillis(),
        s.emoji(),
        s.status(),
        s.agent(),
        s.message(),
        s.meta(),
        s.priority(),
        s.category(),
        s.tags(),
        s.confidence(),
        s.contentSha256());
  }

  static AppendResult entry(InMemoryEventLog log, String session, String project, String entryId) {
    return append(log, entry(project, entryId), Streams.project(project), session);
  }

  /** A batch of entries appended atomically. */
  static AppendResult entries(
      InMemoryEventLog log, String session, String project, int n, String idPrefix) {
    List<NewEvent> batch = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(CODEC.toNew(entry(project, idPrefix + i), Streams.project(project), session, ""));
    }
    return log.append(AppendRequest.of(batch));
  }

  static AppendResult unknownType(InMemoryEventLog log) {
    return log.append(
        AppendRequest.of(
            new NewEvent(
                "FromTheFuture", 1, "elsewhere", "", "", "{}".getBytes(StandardCharsets.UTF_8))));
  }
}
