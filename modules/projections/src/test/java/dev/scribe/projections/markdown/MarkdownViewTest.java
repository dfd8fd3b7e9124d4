package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.projections.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownViewTest {
  @TempDir Path tmp;

  private final Events ev = new Events();

  private MarkdownView open(Path state) throws Exception {
    MarkdownView v = MarkdownView.onDisk();
    Files.createDirectories(state);
    v.open(state);
    return v;
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, UTF_8);
  }

  @Test
  void renders_a_header_then_one_exact_line_per_entry_with_tee_copies_and_escaping() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("Demo Proj", root));
    Path docs = root.resolve(".scribe/docs/dev_plans/demo_proj");
    for (String f : List.of("PROGRESS_LOG.md", "BUG_LOG.md", "SECURITY_LOG.md", "DOC_LOG.md")) {
      assertThat(read(docs.resolve(f))).startsWith("# ").contains(LogTemplates.MARKER)
          .endsWith(LogTemplates.ENTRIES_BELOW + "\n\n");
    }
    String header = read(docs.resolve("PROGRESS_LOG.md"));
    assertThat(header)
        .isEqualTo(LogTemplates.logHeader(LogType.PROGRESS, "Demo Proj", null));

    v.apply(ev.entry("Demo Proj", "First entry", "progress", List.of(),
        Events.meta("b", "2", "k", "v", "priority", "low", "log_type", "progress", "content_type", "log")));
    v.apply(ev.entry("Demo Proj", "crash | in\nauth", "bugs", List.of("progress"),
        Events.meta("severity", "high", "component", "auth", "status", "open", "log_type", "bugs")));

    assertThat(read(docs.resolve("PROGRESS_LOG.md")))
        .isEqualTo(header
            + "[ℹ️] [2026-03-01 09:00:00 UTC] [Agent: Codex] [Project: Demo Proj] First entry"
            + " | b=2; k=v; priority=low; log_type=progress; content_type=log\n"
            + "[ℹ️] [2026-03-01 09:00:00 UTC] [Agent: Codex] [Project: Demo Proj] crash \\| in\\nauth"
            + " | severity=high; component=auth; status=open; log_type=progress\n");
    assertThat(read(docs.resolve("BUG_LOG.md")))
        .endsWith("[Project: Demo Proj] crash \\| in\\nauth"
            + " | severity=high; component=auth; status=open; log_type=bugs\n");
    assertThat(v.current("Demo Proj", "progress").orElseThrow().entryCount()).isEqualTo(2);
    assertThat(v.current("Demo Proj", "bugs").orElseThrow().entryCount()).isEqualTo(1);
    assertThat(v.current("Demo Proj", "doc_updates").orElseThrow().entryCount()).isZero();
    assertThat(v.current("Nope", "progress")).isEmpty();
  }

  @Test
  void the_running_hash_and_size_are_those_of_the_file() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("p", root));
    for (int i = 0; i < 5; i++) v.apply(ev.entry("p", "m" + i, "progress", List.of(), List.of()));
    Segment s = v.current("p", "progress").orElseThrow();
    byte[] bytes = Files.readAllBytes(Path.of(s.logPath()));
    assertThat(s.byteSize()).isEqualTo(bytes.length);
    assertThat(s.sha256()).isEqualTo(RotationPlanner.sha256Hex(bytes));
    assertThat(s.entryCount()).isEqualTo(5);
    assertThat(s.streamVersions()).containsEntry(Streams.project("p"), 5L);
    assertThat(s.nextSequence()).isEqualTo(1);
    assertThat(s.previousChainSha256()).isNull();
  }

  @Test
  void a_file_it_did_not_write_is_moved_aside_once_and_its_own_files_are_rewritten() throws Exception {
    Path root = tmp.resolve("repo");
    Path docs = root.resolve(".scribe/docs/dev_plans/p");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("PROGRESS_LOG.md"), "# legacy log\n[ℹ️] old line\n");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("p", root));
    assertThat(read(docs.resolve("PROGRESS_LOG.pre-scribe.md"))).isEqualTo("# legacy log\n[ℹ️] old line\n");
    assertThat(read(docs.resolve("PROGRESS_LOG.md"))).contains(LogTemplates.MARKER);

    // A second registration (replay) finds the view's own file: rewritten, nothing moved again.
    v.reset();
    v.apply(ev.registered("p", root));
    try (var files = Files.list(docs)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("PROGRESS_LOG.md", "PROGRESS_LOG.pre-scribe.md", "BUG_LOG.md",
              "SECURITY_LOG.md", "DOC_LOG.md");
    }
  }

  @Test
  void a_rotation_archives_the_segment_with_its_recorded_hash_and_starts_a_fresh_header() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("p", root));
    v.apply(ev.entry("p", "entry-one", "progress", List.of(), List.of()));
    v.apply(ev.entry("p", "entry-two", "progress", List.of(), List.of()));
    Segment s = v.current("p", "progress").orElseThrow();
    String archive = RotationPlanner.manualArchivePath(s.logPath(), "test", Events.AT, v::pathTaken);
    LogRotated r = RotationPlanner.rotation(s, "rot-1", archive);
    byte[] before = Files.readAllBytes(Path.of(s.logPath()));
    v.apply(ev.place(Streams.project("p"), r));

    assertThat(archive).endsWith("PROGRESS_LOG.md.test.md");
    assertThat(Files.readAllBytes(Path.of(archive))).isEqualTo(before);
    assertThat(RotationPlanner.sha256Hex(before)).isEqualTo(r.archiveSha256());
    assertThat(r.entryCount()).isEqualTo(2);
    String fresh = read(Path.of(s.logPath()));
    assertThat(fresh).contains("**Continues from** `PROGRESS_LOG.md.test.md` (rotation 1, chain sha256 `" + r.chainSha256() + "`)");
    assertThat(fresh).doesNotContain("entry-one");
    Segment after = v.current("p", "progress").orElseThrow();
    assertThat(after.entryCount()).isZero();
    assertThat(after.nextSequence()).isEqualTo(2);
    assertThat(after.previousChainSha256()).isEqualTo(r.chainSha256());
    assertThat(v.pathTaken(archive)).isTrue();
    assertThat(RotationPlanner.manualArchivePath(s.logPath(), "test", Events.AT, v::pathTaken))
        .endsWith("PROGRESS_LOG.md.test_20260301_090000_000.md");

    assertThat(RotationVerifier.verify(List.of(r), new DiskLogFiles()).intact()).isTrue();
    Files.writeString(Path.of(archive), "tampered\n", java.nio.file.StandardOpenOption.APPEND);
    RotationVerifier.Report report = RotationVerifier.verify(List.of(r), new DiskLogFiles());
    assertThat(report.damaged()).singleElement()
        .satisfies(f -> {
          assertThat(f.status()).isEqualTo(RotationVerifier.Status.CHANGED);
          assertThat(f.archivePath()).isEqualTo(archive);
        });
  }

  @Test
  void imported_lines_keep_their_id_segment_and_scribe_lines_have_none() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("p", root));
    EntryAppended imported =
        Events.entryEvent("p", "ignored", "with id", "progress", List.of(), Events.meta("k", "v"),
            "4b15b462a58e66c46df3f2d034446ef6");
    v.apply(ev.place(Streams.project("p"), imported));
    v.apply(ev.entry("p", "without id", "progress", List.of(), List.of()));
    String log = read(Path.of(v.current("p", "progress").orElseThrow().logPath()));
    assertThat(log).contains("[Project: p] [ID: 4b15b462a58e66c46df3f2d034446ef6] with id | k=v\n");
    assertThat(log).contains("[Project: p] without id\n");
  }

  @Test
  void the_global_log_is_shared_by_the_projects_of_a_repository() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    v.apply(ev.registered("a", root));
    v.apply(ev.registered("b", root));
    v.apply(ev.entry("a", "from a", "global", List.of(), Events.meta("project", "a", "entry_type", "m")));
    v.apply(ev.entry("b", "from b", "global", List.of(), Events.meta("project", "b", "entry_type", "m")));
    Path global = root.resolve("docs/GLOBAL_PROGRESS_LOG.md");
    assertThat(read(global)).startsWith("# 🌐 Global Progress Log — repo\n")
        .contains("[Project: a] from a").contains("[Project: b] from b");
    Segment s = v.current("a", "global").orElseThrow();
    assertThat(s.logPath()).isEqualTo(global.toString());
    assertThat(s.entryCount()).isEqualTo(2);
    assertThat(s.streamVersions()).containsOnlyKeys(Streams.project("a"), Streams.project("b"));
  }

  @Test
  void a_crash_after_the_checkpoint_is_cut_back_and_replayed_to_the_same_bytes() throws Exception {
    Path root = tmp.resolve("repo");
    Path state = tmp.resolve("state");
    MarkdownView v = open(state);
    var reg = ev.registered("p", root);
    v.apply(reg);
    var e1 = ev.entry("p", "one", "progress", List.of(), List.of());
    v.apply(e1);
    v.checkpoint(Checkpoint.at(e1.position()));
    var e2 = ev.entry("p", "two", "progress", List.of(), List.of());
    v.apply(e2); // rendered, never checkpointed: the process "dies" here
    Path log = Path.of(v.current("p", "progress").orElseThrow().logPath());
    byte[] full = Files.readAllBytes(log);
    v.close();

    MarkdownView again = open(state);
    assertThat(again.appliedPosition()).isEqualTo(e1.position());
    assertThat(Files.size(log)).isLessThan(full.length);
    again.apply(e2);
    assertThat(Files.readAllBytes(log)).isEqualTo(full);
  }

  @Test
  void a_hand_edited_file_makes_the_view_render_again_from_the_start() throws Exception {
    Path root = tmp.resolve("repo");
    Path state = tmp.resolve("state");
    MarkdownView v = open(state);
    v.apply(ev.registered("p", root));
    var e1 = ev.entry("p", "one", "progress", List.of(), List.of());
    v.apply(e1);
    v.checkpoint(Checkpoint.at(e1.position()));
    Path log = Path.of(v.current("p", "progress").orElseThrow().logPath());
    v.close();
    Files.writeString(log, Files.readString(log).replace("one", "uno"));

    MarkdownView again = MarkdownView.onDisk();
    assertThat(again.open(state)).isEqualTo(Checkpoint.NONE);
  }

  @Test
  void a_deleted_project_is_no_longer_rendered_and_its_docs_are_archived_or_removed() throws Exception {
    Path root = tmp.resolve("repo");
    MarkdownView v = open(tmp.resolve("state"));
    Path docs = root.resolve(".scribe/docs/dev_plans/p");
    v.apply(ev.registered("p", root));
    Files.writeString(docs.resolve("ARCHITECTURE_GUIDE.md"), "human notes\n");
    v.apply(ev.entry("p", "kept-entry", "progress", List.of(), List.of()));
    Path archive = root.resolve(".scribe/archived_projects/p_20260301_090000");
    v.apply(ev.place(Streams.PROJECTS, new ProjectDeleted("p", "archive", archive.toString())));
    v.apply(ev.entry("p", "late-entry", "progress", List.of(), List.of()));
    assertThat(v.current("p", "progress")).isEmpty();
    assertThat(docs).doesNotExist();
    assertThat(read(archive.resolve("ARCHITECTURE_GUIDE.md"))).isEqualTo("human notes\n");
    assertThat(read(archive.resolve("PROGRESS_LOG.md"))).contains("kept-entry").doesNotContain("late-entry");

    v.apply(ev.registered("q", root));
    Path qDocs = root.resolve(".scribe/docs/dev_plans/q");
    assertThat(qDocs.resolve("BUG_LOG.md")).exists();
    Files.writeString(qDocs.resolve("CHECKLIST.md"), "- [ ] mine\n");
    v.apply(ev.place(Streams.PROJECTS, new ProjectDeleted("q", "permanent", null)));
    try (var left = Files.list(qDocs)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .as("the view removes what it rendered, never documents people wrote")
          .containsExactly("CHECKLIST.md");
    }
  }
}
