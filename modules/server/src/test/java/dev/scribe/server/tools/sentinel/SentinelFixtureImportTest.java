package dev.scribe.server.tools.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.schema.SchemaValidatingEventLog;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.tck.MutableClock;
import dev.scribe.eventlog.tck.SequentialIds;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.sentinel.SentinelFilesProjection;
import dev.scribe.server.sentinel.SentinelImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python server's real sentinel files (../shared/fixtures/scribe-logs) imported without loss:
 * every line becomes one event, and the daily sentinel.jsonl rendered from the events is the
 * fixture byte for byte; each Markdown line starts with the fixture's line (ours adds the message).
 */
class SentinelFixtureImportTest {
  static final Path FIXTURES =
      Path.of(System.getProperty("scribe.shared.dir", "../shared"), "fixtures", "scribe-logs");

  @TempDir Path dir;

  @Test
  void every_fixture_line_is_imported_and_renders_back_byte_for_byte() throws Exception {
    Path jsonl = FIXTURES.resolve("sentinel-2026-01-03.jsonl");
    Path md = FIXTURES.resolve("SENTINEL_LOG-2026-01-03.md");
    Assumptions.assumeTrue(Files.isRegularFile(jsonl), "sentinel fixture: ../shared/fixtures not present");
    Path repo = Files.createDirectories(dir.resolve("repo")).toRealPath();
    EventCodec codec = new EventCodec();
    try (EventLog log = SchemaValidatingEventLog.wrap(InMemoryEventLog.open(
        new InMemoryEventLog.Storage(), new MutableClock(Instant.parse("2026-03-01T09:00:00Z")), new SequentialIds("id")))) {
      SentinelImporter.Report r = SentinelImporter.run(log, codec, repo, jsonl);
      List<String> fixture = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
      assertThat(r.rejected()).isEmpty();
      assertThat(r.imported()).isEqualTo(fixture.size()).isEqualTo(31);

      SentinelImporter.Report again = SentinelImporter.run(log, codec, repo, jsonl);
      assertThat(again.imported()).isZero();
      assertThat(again.alreadyImported()).isEqualTo(31);
      assertThat(log.lastPosition()).isEqualTo(31);

      List<SentinelEventAppended> events = new ArrayList<>();
      SentinelFilesProjection files = new SentinelFilesProjection();
      assertThat(files.open(Files.createDirectories(dir.resolve("proj")))).isEqualTo(Checkpoint.NONE);
      log.forEach(1, e -> {
        try {
          var rec = codec.toRecorded(e);
          events.add((SentinelEventAppended) rec.event());
          files.apply(rec);
        } catch (java.io.IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
      });
      files.close();
      assertThat(events).extracting(SentinelEventAppended::repoRoot).containsOnly(repo.toString());
      Path day = repo.resolve(".scribe/sentinel/2026-01-03");
      assertThat(Files.readAllBytes(day.resolve("sentinel.jsonl"))).isEqualTo(Files.readAllBytes(jsonl));
      List<String> ours = Files.readAllLines(day.resolve("SENTINEL_LOG.md"), StandardCharsets.UTF_8);
      List<String> theirs = Files.readAllLines(md, StandardCharsets.UTF_8);
      assertThat(ours).hasSameSizeAs(theirs);
      for (int i = 0; i < ours.size(); i++) assertThat(ours.get(i)).startsWith(theirs.get(i));
    }
  }

  @Test
  void lines_that_cannot_be_imported_without_loss_are_rejected_with_their_numbers() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo")).toRealPath();
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"event_type\": \"x\"}\nnot json\n\n");
    try (EventLog log = InMemoryEventLog.open(new InMemoryEventLog.Storage(),
        new MutableClock(Instant.parse("2026-03-01T09:00:00Z")), new SequentialIds("id"))) {
      SentinelImporter.Report r = SentinelImporter.run(log, new EventCodec(), repo, f);
      assertThat(r.imported()).isZero();
      assertThat(r.rejected()).extracting(SentinelImporter.Report.class.isRecord() ? x -> x.lineNumber() : x -> 0)
          .containsExactly(1, 2);
      assertThat(r.blank()).isEqualTo(1);
    }
  }
}
