package dev.scribe.projections.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.project.Project;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewsBehaviourTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  @TempDir Path dir;
  private long position;
  private final Map<String, Long> versions = new java.util.HashMap<>();

  private RecordedEvent rec(ScribeEvent e, String stream, String session) {
    long v = versions.merge(stream, 1L, Long::sum);
    position++;
    return new RecordedEvent(position, stream, v, session, "x", T0.plusSeconds(position), e);
  }

  private static ProjectRegistered reg(String name, String root) {
    String docs = root + "/.scribe/docs/dev_plans/" + name;
    return new ProjectRegistered(name, name, root, docs, docs + "/PROGRESS_LOG.md", Map.of(), "A", null, List.of());
  }

  @Test
  void the_registry_indexes_live_projects_and_forgets_deleted_ones() {
    ProjectsView v = new ProjectsView();
    v.open(dir);
    v.apply(rec(reg("p", "/r"), Streams.PROJECTS, "s"));
    RecordedEvent upd =
        rec(new ProjectUpdated("p", Map.of("emoji", "🛠️"), "B", "desc", List.of("x")), Streams.PROJECTS, "s");
    v.apply(upd);
    Project p = v.find("p").orElseThrow();
    assertThat(p.author()).isEqualTo("B");
    assertThat(p.registeredPosition()).isEqualTo(1);
    assertThat(p.updatedAt()).isEqualTo(upd.recordedAt());
    assertThat(v.ownerOfProgressLog(p.progressLog())).contains(p);
    assertThat(v.ownerOfDocsDir(p.docsDir())).contains(p);
    assertThat(v.version()).isEqualTo(2);

    v.apply(rec(new ProjectDeleted("p", "permanent", null), Streams.PROJECTS, "s"));
    assertThat(v.find("p")).isEmpty();
    assertThat(v.ownerOfProgressLog(p.progressLog())).isEmpty();
    v.apply(rec(reg("p", "/r"), Streams.PROJECTS, "s"));
    assertThat(v.find("p").orElseThrow().registeredPosition()).isEqualTo(4);
    assertThat(v.version()).isEqualTo(4);
  }

  @Test
  void recent_entries_keep_a_window_in_log_order_and_restart_after_a_deletion() {
    RecentEntriesView v = new RecentEntriesView(5);
    v.open(dir);
    for (int i = 1; i <= 12; i++) {
      v.apply(rec(ViewHistory.entry("p", "e" + i, 0, i % 4 == 0), Streams.project("p"), "s"));
    }
    RecentEntriesView.ProjectEntries pe = v.project("p").orElseThrow();
    assertThat(pe.total()).isEqualTo(12);
    assertThat(pe.complete()).isFalse();
    assertThat(pe.streamVersion()).isEqualTo(12);
    List<String> newest = new ArrayList<>();
    boolean reachedStart = pe.newestFirst(e -> newest.add(e.entry().entryId()));
    assertThat(newest).containsExactly("e12", "e11", "e10", "e9", "e8");
    assertThat(reachedStart).isFalse();
    assertThat(pe.logCounts()).containsEntry("bugs", 3L).containsEntry("progress", 12L);

    v.apply(rec(new ProjectBound("s", "p"), Streams.binding("s"), "s"));
    assertThat(pe.lastBoundAt()).isPresent();
    assertThat(v.projectsVersion()).isZero();
    v.apply(rec(new ProjectDeleted("p", "permanent", null), Streams.PROJECTS, "s"));
    assertThat(v.projectsVersion()).isEqualTo(1);
    RecentEntriesView.ProjectEntries fresh = v.project("p").orElseThrow();
    assertThat(fresh.total()).isZero();
    assertThat(fresh.streamVersion()).isEqualTo(12);
    List<String> all = new ArrayList<>();
    assertThat(fresh.oldestFirst(e -> all.add(e.entry().entryId()))).isTrue();
    assertThat(all).isEmpty();
  }

  @Test
  void a_binding_records_its_version_and_position() {
    SessionsView v = new SessionsView();
    var f = SessionsView.fold();
    var s = f.initial();
    s = f.apply(s, rec(new SessionOpened("s", "http", "c", "1", "2025-11-25"), Streams.session("s"), "s"));
    s = f.apply(s, rec(new ProjectBound("s", "p"), Streams.binding("s"), "s"));
    s = f.apply(s, rec(new ProjectBound("s", "q"), Streams.binding("s"), "s"));
    SessionState st = s.find("s").orElseThrow();
    assertThat(st.project()).isEqualTo("q");
    assertThat(st.bindingVersion()).isEqualTo(2);
    assertThat(st.bindingPosition()).isEqualTo(3);
    assertThat(v.find("s")).isEmpty();
  }
}
