package dev.scribe.codec;

import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.MetaPair;
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
import java.util.List;
import java.util.Map;

/** One realistic instance of every event type, for codec, schema and projection tests. */
public final class SampleEvents {
  public static final String SESSION = "5f0c3b1e9a7d4c2e8b6a1f0e3d2c1b0a";

  private SampleEvents() {}

  public static List<ScribeEvent> all() {
    return List.of(
        new SessionOpened(SESSION, "http", "claude-code", "2.1.328", "2025-11-25"),
        new SessionClosed(SESSION, "deleted"),
        new ToolInvoked(
            "append_entry",
            "{\"message\":\"Fixed the parser\",\"status\":\"success\",\"meta\":{\"n\":3}}",
            "ok",
            null,
            1834),
        new ModeSet(SESSION, "sentinel", "/home/dev/repo"),
        new ProjectRegistered(
            "Demo Proj",
            "demo_proj",
            "/home/dev/repo",
            "/home/dev/repo/.scribe/docs/dev_plans/demo_proj",
            "/home/dev/repo/.scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md",
            Map.of("emoji", "🛠️", "agent", "Codex"),
            "Codex",
            "A demo project",
            List.of("demo", "test")),
        new ProjectUpdated("Demo Proj", Map.of("emoji", "🧭"), "Codex", null, List.of()),
        new ProjectBound(SESSION, "Demo Proj"),
        new ProjectDeleted("Old Proj", "archive", "/home/dev/repo/docs/archived_projects"),
        new EntryAppended(
            "01JD7Q2Z8K3M4N5P6Q7R8S9T0V",
            "Demo Proj",
            "progress",
            List.of("bugs"),
            "2026-11-24 16:32:20 UTC",
            1795624340000L,
            "🐞",
            "bug",
            "CoderA",
            "Parser drops | pipes\nand newlines",
            List.of(
                new MetaPair("component", "parser"),
                new MetaPair("severity", "high"),
                new MetaPair("status", "open"),
                new MetaPair("priority", "high"),
                new MetaPair("category", "bug"),
                new MetaPair("tags", "[\"a\", \"b\"]"),
                new MetaPair("confidence", "0.5"),
                new MetaPair("log_type", "progress"),
                new MetaPair("content_type", "log")),
            "high",
            "bug",
            List.of("a", "b"),
            0.5,
            "9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de"),
        new LogRotated(
            "Demo Proj",
            "progress",
            "rot-0001",
            1,
            "/home/dev/repo/.scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md",
            "/home/dev/repo/.scribe/docs/dev_plans/demo_proj/PROGRESS_LOG.md.archive.md",
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            null,
            "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9",
            12,
            2048),
        new SentinelEventAppended(
            "/home/dev/repo",
            "2d56390a73a1a8d4634be228403d9f1f6c87d805eac80aa7c7f9aac0cb551300",
            "2026-01-03",
            "verification.note",
            "tool:append_event",
            "Codex",
            List.of(),
            "{\"k\":\"v\",\"nested\":{\"n\":1}}",
            null),
        new CaseOpened(
            "BUG-2026-01-03-0001",
            "bug",
            "/home/dev/repo",
            "2d56390a73a1a8d4634be228403d9f1f6c87d805eac80aa7c7f9aac0cb551300",
            "2026-01-03",
            "crash",
            "boom on start",
            List.of("src/main.py"),
            "high"),
        new FixLinked("BUG-2026-01-03-0001", "exec-42", "commit abc123", "verified"),
        new CaseClosed("BUG-2026-01-03-0001", "null check missing in loader"),
        new FileRead(
            "chunk",
            "/home/dev/repo/src/a.py",
            "src/a.py",
            12034,
            450,
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            "LF",
            "utf-8",
            3,
            "{\"chunk_index\":[0,2]}",
            "Codex",
            "Demo Proj",
            "/home/dev/repo"),
        new ReadFileFailed(
            "nope.txt", "/home/dev/repo/nope.txt", "file not found", null, "Demo Proj",
            "/home/dev/repo"),
        new ScopeViolation(
            "rotate_log", "tool_not_allowed_in_sentinel_mode", "sentinel", null,
            "/home/dev/repo"));
  }
}
