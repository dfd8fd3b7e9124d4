package dev.scribe.server.ops;

import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ModeSet;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ReadFileFailed;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;

/** One readable line per event, for {@code replay}. */
final class EventSummary {
  private EventSummary() {}

  static String of(ScribeEvent e) {
    if (e instanceof SessionOpened s) {
      return s.transport() + " session opened by " + s.clientName() + " " + s.clientVersion()
          + " (protocol " + s.protocolVersion() + ")";
    }
    if (e instanceof SessionClosed s) return "session closed (" + s.reason() + ")";
    if (e instanceof ToolInvoked t) {
      return t.tool() + " → " + t.outcome() + (t.errorCode() == null ? "" : " [" + t.errorCode() + "]")
          + " in " + String.format("%.1f ms", t.durationMicros() / 1000.0) + "  " + clip(t.argumentsJson());
    }
    if (e instanceof ModeSet m) {
      return "mode " + m.mode() + (m.repoRoot() == null ? "" : " (repo " + m.repoRoot() + ")");
    }
    if (e instanceof ProjectRegistered p) return "project registered: " + p.name() + " at " + p.root();
    if (e instanceof ProjectUpdated p) return "project updated: " + p.name();
    if (e instanceof ProjectBound p) return "bound to project " + p.project();
    if (e instanceof ProjectDeleted p) return "project deleted: " + p.name() + " (" + p.mode() + ")";
    if (e instanceof EntryAppended a) {
      return "[" + a.project() + "] " + a.logType() + " " + a.emoji() + " " + a.agent() + ": "
          + clip(a.message());
    }
    if (e instanceof LogRotated r) {
      return "[" + r.project() + "] " + r.logType() + " rotated → " + r.archivePath() + " (#"
          + r.sequenceNumber() + ", sha256 " + r.archiveSha256().substring(0, 12) + "…)";
    }
    if (e instanceof SentinelEventAppended s) {
      return "sentinel " + s.day() + " " + s.eventType() + " " + clip(s.dataJson());
    }
    if (e instanceof CaseOpened c) return "case opened " + c.caseId() + ": " + c.title();
    if (e instanceof FixLinked f) {
      return "fix linked to " + f.caseId() + ": " + f.artifactRef() + " (" + f.landingStatus() + ")";
    }
    if (e instanceof CaseClosed c) return "case closed " + c.caseId() + ": " + clip(c.rootCause());
    if (e instanceof FileRead f) {
      return "read " + f.readMode() + " " + f.absolutePath() + " sha256 " + f.sha256().substring(0, 12) + "…";
    }
    if (e instanceof ReadFileFailed f) return "read failed " + f.path() + ": " + f.error();
    if (e instanceof ScopeViolation v) return "scope violation: " + v.tool() + " (" + v.reason() + ")";
    return e.typeName();
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 160 ? one : one.substring(0, 157) + "…";
  }
}
