package dev.scribe.server.ops;

import dev.scribe.codec.EnvelopeJson;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.ProjectionStatus;
import dev.scribe.projections.RunnerConfig;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.server.RandomIds;
import dev.scribe.server.ScribeToolset;
import dev.scribe.server.ServerConfig;
import dev.scribe.tools.ToolKit;
import java.time.Clock;
import java.time.Duration;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.chronicle.ChronicleLogVerifier;
import dev.scribe.eventlog.chronicle.VerifyReport;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.CheckpointFile;
import dev.scribe.projections.markdown.DiskLogFiles;
import dev.scribe.projections.markdown.RotationVerifier;
import java.util.ArrayList;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The operator tools. Each returns a process exit code (0 ok, 1 damage or failure). */
public final class Operations {
  private Operations() {}

  /**
   * Prints every event of {@code sessionId} in log order: its tool calls and what they caused.
   * Events the session caused on other streams (entries, bindings) carry its session id too.
   */
  public static int replay(Path dataDir, String sessionId, boolean json, PrintStream out) {
    try (OfflineData d = OfflineData.open(dataDir, true)) {
      long[] count = {0};
      d.log.forEach(
          1,
          e -> {
            if (!e.sessionId().equals(sessionId)) return;
            count[0]++;
            out.println(json ? EnvelopeJson.toLine(e) : line(d, e));
          });
      if (count[0] == 0) {
        System.err.println("scribe replay: no events for session " + sessionId);
        return 1;
      }
      return 0;
    }
  }

  private static String line(OfflineData d, StoredEvent e) {
    String summary;
    try {
      summary = EventSummary.of(d.codec.decode(e));
    } catch (RuntimeException ex) {
      summary = "(cannot decode: " + ex.getMessage() + ")";
    }
    String exec = e.executionId().isEmpty() ? "" : " exec=" + e.executionId();
    return String.format(
        "#%-8d %s  %-22s%s  %s", e.position(), e.recordedAt(), e.type(), exec, summary);
  }

  /**
   * Walks the whole hash chain, then checks that every projection checkpoint describes this log.
   * Prints what it found; exit 1 with the first bad position on damage.
   */
  public static int verify(Path dataDir, PrintStream out) {
    if (!Files.isDirectory(dataDir.resolve("log"))) {
      out.println("not a Scribe data directory (no log/): " + dataDir.toAbsolutePath());
      return 1;
    }
    boolean ok;
    // The chain walk reads the queue itself; the lock keeps a server from writing meanwhile.
    try (OfflineData d = OfflineData.open(dataDir, true)) {
      d.log.close();
      VerifyReport chain = ChronicleLogVerifier.verify(d.data.logDir());
      ok = chain.intact();
      if (ok) {
        out.println("log: intact, " + chain.eventsVerified() + " events, chain verified to position " + chain.lastPosition());
      } else {
        VerifyReport.Damage damage = chain.damage().orElseThrow();
        out.println("log: DAMAGED at position " + damage.position() + ": " + damage.reason());
        out.println("first bad position: " + damage.position());
      }
      chain.cutDocuments().forEach(c -> out.println("log: cut (torn tail, never served): " + c));
    }
    if (ok) {
      try (OfflineData d = OfflineData.open(dataDir, true)) {
        ok = verifyCheckpoints(d, out);
        ok &= verifyArchives(d, out);
      }
    }
    out.println(ok ? "verify: OK" : "verify: DAMAGE FOUND");
    return ok ? 0 : 1;
  }

  private static boolean verifyCheckpoints(OfflineData d, PrintStream out) {
    Path base = d.data.projectionsDir();
    if (!Files.isDirectory(base)) return true;
    boolean ok = true;
    List<Path> dirs;
    try (Stream<Path> s = Files.list(base)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path dir : dirs) {
      Path file = dir.resolve("checkpoint");
      String name = dir.getFileName().toString();
      try {
        Optional<CheckpointFile.Contents> c = CheckpointFile.read(file);
        if (c.isEmpty()) {
          out.println("projection " + name + ": no checkpoint (rebuilt on start)");
          continue;
        }
        Checkpoint cp = c.get().checkpoint();
        Optional<String> mismatch = cp.mismatchWith(d.log);
        if (mismatch.isPresent()) {
          ok = false;
          out.println("projection " + name + ": checkpoint does not describe this log: " + mismatch.get());
        } else {
          out.println("projection " + name + ": checkpoint at position " + cp.position() + " matches the log");
        }
      } catch (IOException e) {
        ok = false;
        out.println("projection " + name + ": checkpoint unreadable: " + e.getMessage());
      }
    }
    return ok;
  }

  /**
   * Recomputes the SHA-256 of every rotation archive and walks each project's rotation chain
   * ({@link RotationVerifier}); prints one line per rotation and names each archive that changed,
   * is missing or breaks the chain.
   */
  private static boolean verifyArchives(OfflineData d, PrintStream out) {
    List<ScribeEvent> history = new ArrayList<>();
    int[] rotations = {0};
    d.log.forEach(
        1,
        e -> {
          if (!e.type().equals("LogRotated") && !e.stream().equals(Streams.PROJECTS)) return;
          ScribeEvent ev = d.codec.decode(e);
          if (ev instanceof LogRotated) rotations[0]++;
          history.add(ev);
        });
    try {
      RotationVerifier.Report report = RotationVerifier.verify(history, new DiskLogFiles());
      for (RotationVerifier.Finding f : report.findings()) {
        out.println(
            "archive " + f.project() + " " + f.logType() + " #" + f.sequenceNumber() + " "
                + f.archivePath() + ": " + (f.damaged() ? "DAMAGED (" + f.status() + ") " : "")
                + f.detail());
      }
      if (rotations[0] > 0) {
        out.println(
            "archives: " + (report.intact() ? "intact" : report.damaged().size() + " damaged")
                + ", " + rotations[0] + " rotation(s)");
      }
      return report.intact();
    } catch (IOException e) {
      out.println("archives: unreadable: " + e.getMessage());
      return false;
    }
  }

  /**
   * Exports events as JSON lines (the envelope form of event-schema/), all of them or those of one
   * project: its registration, updates, deletion, bindings, entries, rotations and reads.
   */
  public static int exportJsonl(Path dataDir, Optional<String> project, PrintStream out) {
    try (OfflineData d = OfflineData.open(dataDir, true)) {
      d.log.forEach(
          1,
          e -> {
            if (project.isEmpty() || belongsTo(d, e, project.get())) out.println(EnvelopeJson.toLine(e));
          });
      return 0;
    }
  }

  private static boolean belongsTo(OfflineData d, StoredEvent e, String project) {
    if (e.stream().equals(Streams.project(project))) return true;
    if (!e.stream().equals(Streams.PROJECTS) && !e.stream().startsWith("binding-")) return false;
    ScribeEvent ev = d.codec.decode(e);
    return (ev instanceof ProjectRegistered p && p.name().equals(project))
        || (ev instanceof ProjectUpdated u && u.name().equals(project))
        || (ev instanceof ProjectDeleted x && x.name().equals(project))
        || (ev instanceof ProjectBound b && b.project().equals(project))
        || (ev instanceof EntryAppended a && a.project().equals(project))
        || (ev instanceof LogRotated r && r.project().equals(project));
  }

  /**
   * Drops every projection's state and rebuilds it from position 0 (the Markdown files, the search
   * index and every view), then checkpoints.
   */
  public static int rebuild(Path dataDir, PrintStream out) {
    try (OfflineData d = OfflineData.open(dataDir, true)) {
      ProjectionRunner runner =
          ProjectionRunner.over(d.log, d.codec, RunnerConfig.defaults(d.data.projectionsDir()));
      try {
        SessionsView sessions = new SessionsView();
        runner.register(sessions.projection());
        ToolKit kit =
            new ToolKit(d.log, d.log, d.log, d.codec, runner, Clock.systemUTC(), new RandomIds());
        new ScribeToolset(kit, sessions, ServerConfig.DEFAULT_LOG_MAX_BYTES).projections().forEach(runner::register);
        runner.start();
        runner.rebuildAll();
        long end = d.log.lastPosition();
        if (!runner.awaitAllApplied(end, Duration.ofHours(2))) {
          out.println("rebuild: projections did not catch up");
          return 1;
        }
        boolean ok = true;
        for (ProjectionStatus s : runner.status()) {
          out.println("projection " + s.name() + ": " + s.state() + " at position " + s.lastApplied()
              + s.failureIfAny().map(f -> " FAILED: " + f.error()).orElse(""));
          ok &= s.failureIfAny().isEmpty();
        }
        for (ProjectionStatus s : runner.status()) runner.checkpointNow(s.name());
        out.println(ok ? "rebuild: done, " + end + " events" : "rebuild: a projection failed");
        return ok ? 0 : 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      } finally {
        runner.close();
      }
    }
  }
}
