package dev.scribe.projections;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory log with a fixed clock and sequential ids, and realistic domain events. */
final class TestLog {
  static final EventCodec CODEC = new EventCodec();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T16:32:20Z"), ZoneOffset.UTC);

  private TestLog() {}

  /** A fresh log whose event ids start with {@code idPrefix} (so two logs hash differently). */
  static InMemoryEventLog create(String idPrefix) {
    AtomicLong next = new AtomicLong();
    return InMemoryEventLog.create(
        CLOCK, () -> String.format("%s-%06d", idPrefix, next.incrementAndGet()));
  }

  /** An event with the stream and session the real tool handlers would give it. */
  record Placed(ScribeEvent event, String stream, String sessionId) {
    NewEvent toNew(String executionId) {
      return CODEC.toNew(event, stream, sessionId, executionId);
    }
  }

  static AppendResult append(InMemoryEventLog log, List<Placed> batch, String executionId) {
    List<NewEvent> events = new ArrayList<>();
    for (Placed p : batch) events.add(p.toNew(executionId));
    return log.append(AppendRequest.of(events));
  }

  static AppendResult append(InMemoryEventLog log, Placed... batch) {
    return append(log, List.of(batch), "");
  }

  /** Appends an event of a type this build does not know. */
  static AppendResult appendUnknownType(InMemoryEventLog log) {
    return log.append(
        AppendRequest.of(
            new NewEvent(
                "FromTheFuture", 1, "elsewhere", "", "", "{}".getBytes(StandardCharsets.UTF_8))));
  }

  static Placed sessionOpened(String session) {
    return new Placed(
        new SessionOpened(session, "http", "claude-code", "2.1.0", "2025-11-25"),
        Streams.session(session),
        session);
  }

  static Placed sessionClosed(String session) {
    return new Placed(new SessionClosed(session, "deleted"), Streams.session(session), session);
  }

  static Placed toolInvoked(String session, String tool) {
    return new Placed(
        new ToolInvoked(tool, "{}", "ok", null, 120), Streams.calls(session), session);
  }

  static Placed registered(String session, String project) {
    return new Placed(
        new ProjectRegistered(
            project,
            project,
            "/home/dev/" + project,
            "/home/dev/" + project + "/.scribe/docs",
            "/home/dev/" + project + "/.scribe/docs/PROGRESS_LOG.md",
            Map.of("agent", "Codex"),
            "Codex",
            null,
            List.of()),
        Streams.PROJECTS,
        session);
  }

  static Placed bound(String session, String project) {
    return new Placed(new ProjectBound(session, project), Streams.binding(session), session);
  }

  static Placed deleted(String session, String project) {
    return new Placed(new ProjectDeleted(project, "permanent", null), Streams.PROJECTS, session);
  }

  static Placed entry(String session, String project, String entryId, String message) {
    return new Placed(
        new EntryAppended(
            entryId,
            project,
            "progress",
            List.of(),
            "2026-11-24 16:32:20 UTC",
            1795624340000L,
            "ℹ️",
            "info",
            "Codex",
            message,
            List.of(),
            "medium",
            null,
            List.of(),
            null,
            "0".repeat(64)),
        Streams.project(project),
        session);
  }
}
