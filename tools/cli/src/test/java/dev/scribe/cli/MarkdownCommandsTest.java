package dev.scribe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.server.ScribeServer;
import dev.scribe.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code scribe import}, {@code export --format markdown} and the archive part of {@code verify}. */
@Timeout(180)
class MarkdownCommandsTest {
  private static final String LOG =
      String.join("\n",
          "# 📜 Progress Log — demo",
          "```",
          "[EMOJI] [YYYY-MM-DD HH:MM:SS UTC] [Agent: <name>] [Project: demo] Message text | key=value",
          "```",
          "",
          "[ℹ️] [2025-12-07 20:42:16 UTC] [Agent: Codex] [Project: demo] Investigating | component=read_recent; log_type=progress",
          "[✅] [2026-01-02 11:13:55 UTC] [Agent: Codex] [Project: demo] Added flag | action=code_change; priority=medium; log_type=progress; content_type=log",
          "[ℹ️] [2026-01-02T10:00:02.130724+00:00] [Agent: 2e4e9cb6] [Project: demo] read_file | execution_id=bd5e; agent_sub_id=None",
          "");

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, UTF_8));
      System.setErr(new PrintStream(err, true, UTF_8));
      int code = ScribeMain.run(args);
      return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void import_counts_every_line_is_idempotent_and_export_prints_the_rendered_log(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path file = dir.resolve("legacy/PROGRESS_LOG.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, LOG, UTF_8);

    Run first = run("import", "--data", data.toString(), "--project", "demo", "--root", repo.toString(), file.toString());
    assertThat(first.code()).as(first.err() + first.out()).isZero();
    assertThat(first.out())
        .contains("project registered")
        .contains("lines: 8 = entries 3 + blank 1 + header 1 + fenced 3 + unparsable 0")
        .contains("entries: 3 imported, 0 already imported");

    Run again = run("import", "--data", data.toString(), "--project", "demo", "--root", repo.toString(), file.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("entries: 0 imported, 3 already imported").doesNotContain("project registered");

    Run export = run("export", "--data", data.toString(), "--format", "markdown", "--project", "demo", "--log-type", "progress");
    assertThat(export.code()).as(export.err()).isZero();
    List<String> entryLines = LOG.lines().filter(l -> l.startsWith("[") && !l.startsWith("[EMOJI]")).toList();
    assertThat(export.out()).startsWith("# 📜 Progress Log — demo\n").endsWith(String.join("\n", entryLines) + "\n");

    Run all = run("export", "--data", data.toString(), "--format", "markdown", "--project", "demo");
    assertThat(all.out()).contains("==> " + repo.resolve(".scribe/docs/dev_plans/demo/PROGRESS_LOG.md") + " <==")
        .contains("==> " + repo.resolve(".scribe/docs/dev_plans/demo/BUG_LOG.md") + " <==");

    Run unknown = run("import", "--data", data.toString(), "--project", "demo", "--root", repo.toString(), dir.resolve("notes.md").toString());
    assertThat(unknown.code()).isEqualTo(2);
  }

  @Test
  void verify_checks_every_archive_and_names_one_that_changed(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path file = dir.resolve("legacy/PROGRESS_LOG.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, LOG, UTF_8);
    assertThat(run("import", "--data", data.toString(), "--project", "demo", "--root", repo.toString(), file.toString()).code()).isZero();

    Path live = repo.resolve(".scribe/docs/dev_plans/demo/PROGRESS_LOG.md");
    String archive;
    try (ScribeServer server = ScribeServer.start(ServerConfig.defaults(data).withPort(0))) {
      server.projections().awaitAllApplied(server.log().lastPosition(), Duration.ofSeconds(60));
      byte[] bytes = Files.readAllBytes(live);
      long version = server.log().streamVersion(Streams.project("demo"));
      Segment s = new Segment("demo", "progress", live.toString(), bytes.length, RotationPlanner.sha256Hex(bytes),
          3, 1, null, Map.of(Streams.project("demo"), version), server.log().lastPosition());
      archive = RotationPlanner.manualArchivePath(live.toString(), "archive", Instant.EPOCH, p -> Files.exists(Path.of(p)));
      LogRotated r = RotationPlanner.rotation(s, "rot-1", archive);
      EventCodec codec = new EventCodec();
      long pos = server.log().append(AppendRequest.of(codec.toNew(r, Streams.project("demo"), "", "test"))
          .expecting(Streams.project("demo"), ExpectedVersion.exactly(version))).lastPosition();
      server.projections().awaitAllApplied(pos, Duration.ofSeconds(60));
    }
    assertThat(Path.of(archive)).exists();

    Run ok = run("verify", "--data", data.toString());
    assertThat(ok.code()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("archive demo progress #1 " + archive + ": sha256").contains("archives: intact, 1 rotation(s)");

    Files.writeString(Path.of(archive), "edited by hand\n", UTF_8, StandardOpenOption.APPEND);
    Run bad = run("verify", "--data", data.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("archive demo progress #1 " + archive + ": DAMAGED (CHANGED)")
        .contains("archives: 1 damaged").contains("verify: DAMAGE FOUND");
  }
}
