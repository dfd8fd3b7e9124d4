package dev.scribe.domain.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProjectDecidersTest {
  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

  static Project project(String name, String root, long registeredPosition) {
    String docs = root + "/.scribe/docs/dev_plans/" + name;
    return new Project(
        name, name, root, docs, docs + "/PROGRESS_LOG.md", new TreeMap<>(), "Scribe", null,
        List.of(), NOW, NOW, registeredPosition);
  }

  private static SetProject.Command set(String name, String root) {
    return new SetProject.Command("s1", name, root, null, null, null, null, null);
  }

  private static DomainException refusal(Runnable r) {
    try {
      r.run();
    } catch (DomainException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void a_new_project_is_registered_with_the_slug_docs_dir_and_default_progress_log_and_bound() {
    MapRegistry reg = new MapRegistry();
    SetProject.Command cmd = set("IMPLEMENTATION TESTING", "/abs/repo");
    SetProject.Target t = SetProject.target(cmd, reg);
    assertThat(t).isInstanceOf(SetProject.Fresh.class);
    assertThat(((SetProject.Fresh) t).slug()).isEqualTo("implementation_testing");

    SetProject.Decision d =
        SetProject.decide(
            cmd, reg, Path.of("/abs/repo/.scribe/docs/dev_plans/implementation_testing"), NOW);

    assertThat(d.created()).isTrue();
    assertThat(d.projectEvent()).get().isInstanceOf(ProjectRegistered.class);
    ProjectRegistered r = (ProjectRegistered) d.projectEvent().get();
    assertThat(r.progressLog())
        .isEqualTo("/abs/repo/.scribe/docs/dev_plans/implementation_testing/PROGRESS_LOG.md");
    assertThat(r.author()).isEqualTo("Scribe");
    assertThat(d.bound().sessionId()).isEqualTo("s1");
    assertThat(d.bound().project()).isEqualTo("IMPLEMENTATION TESTING");
  }

  @Test
  void a_progress_log_outside_the_root_is_refused() {
    MapRegistry reg = new MapRegistry();
    SetProject.Command cmd =
        new SetProject.Command(
            "s1", "m", "/a/safe", "/a/elsewhere/PROGRESS_LOG.md", null, null, null, null);
    DomainException e =
        refusal(() -> SetProject.decide(cmd, reg, Path.of("/a/safe/.scribe/docs/dev_plans/m"), NOW));
    assertThat(e.code()).isEqualTo("invalid_argument");
    assertThat(e.getMessage()).isEqualTo("Progress log must be within the project root.");
    SetProject.Command sneaky =
        new SetProject.Command("s1", "m", "/a/safe", "../safer/LOG.md", null, null, null, null);
    assertThat(
            refusal(() -> SetProject.decide(sneaky, reg, Path.of("/a/safe/d"), NOW)).getMessage())
        .isEqualTo("Progress log must be within the project root.");
  }

  @Test
  void a_progress_log_or_docs_dir_of_another_project_is_refused() {
    Project a = project("A", "/r", 1);
    MapRegistry reg = new MapRegistry().with(a);
    SetProject.Command cmd =
        new SetProject.Command("s1", "B", "/r", a.progressLog(), null, null, null, null);
    DomainException e = refusal(() -> SetProject.decide(cmd, reg, Path.of("/r/docs/b"), NOW));
    assertThat(e.code()).isEqualTo("conflict");
    assertThat(e.getMessage())
        .isEqualTo("Progress log '" + a.progressLog() + "' already belongs to project 'A'.");

    DomainException d =
        refusal(() -> SetProject.decide(set("a!", "/r"), reg, Path.of(a.docsDir()), NOW));
    assertThat(d.getMessage())
        .isEqualTo("Docs directory '" + a.docsDir() + "' already belongs to project 'A'.");
  }

  @Test
  void an_existing_project_is_bound_without_events_unless_fields_change() {
    Project p = project("p", "/r", 3);
    MapRegistry reg = new MapRegistry().with(p);
    SetProject.Decision same = SetProject.decide(set("p", "/r/"), reg, null, NOW);
    assertThat(same.created()).isFalse();
    assertThat(same.projectEvent()).isEmpty();
    assertThat(same.project()).isEqualTo(p);

    SetProject.Decision changed =
        SetProject.decide(
            new SetProject.Command(
                "s1", "p", null, null, Map.of("emoji", "🛠️"), null, "d", List.of("x")),
            reg, null, NOW.plusSeconds(5));
    assertThat(changed.updated()).isTrue();
    assertThat(changed.projectEvent()).get().isInstanceOf(ProjectUpdated.class);
    assertThat(changed.project().defaultEmoji()).contains("🛠️");
    assertThat(changed.project().updatedAt()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void an_existing_project_keeps_its_paths() {
    MapRegistry reg = new MapRegistry().with(project("p", "/r", 3));
    assertThat(refusal(() -> SetProject.target(set("p", "/other"), reg)).code())
        .isEqualTo("conflict");
    assertThat(
            refusal(
                    () ->
                        SetProject.decide(
                            new SetProject.Command(
                                "s", "p", null, "/r/x.md", null, null, null, null),
                            reg, null, NOW))
                .code())
        .isEqualTo("conflict");
  }

  @Test
  void names_and_roots_are_validated() {
    MapRegistry reg = new MapRegistry();
    assertThat(refusal(() -> SetProject.target(set("  ", "/r"), reg)).code())
        .isEqualTo("invalid_argument");
    assertThat(refusal(() -> SetProject.target(set("a]b", "/r"), reg)).getMessage())
        .contains("must not contain");
    assertThat(refusal(() -> SetProject.target(set("p", "rel/path"), reg)).getMessage())
        .contains("absolute");
    assertThat(refusal(() -> SetProject.target(set("p", null), reg)).getMessage())
        .contains("give 'root'");
  }

  @Test
  void the_author_defaults_to_the_default_agent_then_scribe() {
    SetProject.Decision d =
        SetProject.decide(
            new SetProject.Command(
                "s", "p", "/r", null, Map.of("agent", "Bot"), null, null, null),
            new MapRegistry(), Path.of("/r/d"), NOW);
    assertThat(d.project().author()).isEqualTo("Bot");
    assertThat(d.project().defaultAgent()).contains("Bot");
  }

  @Test
  void bindings_resolve_only_to_the_live_incarnation_they_were_made_to() {
    MapRegistry reg = new MapRegistry().with(project("p", "/r", 10));
    assertThat(Bindings.resolve(Optional.of(new Binding("p", 1, 11)), reg).name()).isEqualTo("p");
    DomainException none = refusal(() -> Bindings.resolve(Optional.empty(), reg));
    assertThat(none.code()).isEqualTo("no_project_bound");
    assertThat(none.getMessage())
        .isEqualTo("No project bound to this session: call set_project first");
    DomainException stale = refusal(() -> Bindings.resolve(Optional.of(new Binding("p", 1, 5)), reg));
    assertThat(stale.code()).isEqualTo("project_deleted");
    assertThat(stale.getMessage())
        .isEqualTo("Project 'p' was deleted; call set_project to bind this session to a project");
    assertThat(refusal(() -> Bindings.resolve(Optional.of(new Binding("gone", 1, 5)), reg)).code())
        .isEqualTo("project_deleted");
  }

  @Test
  void delete_checks_mode_then_confirmation_then_existence() {
    MapRegistry reg = new MapRegistry().with(project("p", "/r", 1));
    DomainException mode =
        refusal(
            () -> DeleteProject.decide(new DeleteProject.Command("p", "bogus", true, false, null), reg, NOW));
    assertThat(mode.errors()).containsExactly("Invalid mode: bogus. Must be 'archive' or 'permanent'.");
    DomainException confirm =
        refusal(
            () -> DeleteProject.decide(new DeleteProject.Command("p", "archive", false, false, null), reg, NOW));
    assertThat(confirm.code()).isEqualTo("confirmation_required");
    assertThat(confirm.errors())
        .containsExactly("Deletion requires explicit confirmation. Set confirm=True to proceed.");
    assertThat(
            refusal(
                    () -> DeleteProject.decide(new DeleteProject.Command("x", "archive", true, false, null), reg, NOW))
                .code())
        .isEqualTo("project_not_found");

    ProjectDeleted archived =
        DeleteProject.decide(new DeleteProject.Command("p", "archive", false, true, null), reg, NOW).event();
    assertThat(archived.archivePath()).isEqualTo("/r/.scribe/archived_projects/p_20260301_090000");
    ProjectDeleted custom =
        DeleteProject.decide(new DeleteProject.Command("p", "archive", true, false, "old"), reg, NOW).event();
    assertThat(custom.archivePath()).isEqualTo("/r/old/p_20260301_090000");
    ProjectDeleted permanent =
        DeleteProject.decide(new DeleteProject.Command("p", "permanent", true, false, null), reg, NOW).event();
    assertThat(permanent.archivePath()).isNull();
  }

  @Test
  void list_sorts_case_insensitively_hides_test_names_filters_and_paginates() {
    List<Project> all =
        List.of(project("zeta", "/z", 1), project("Alpha", "/a", 2), project("demo-x", "/d", 3),
            project("mid", "/m", 4));
    ListProjects.Page page =
        ListProjects.run(
            new ListProjects.Query(null, false, List.of(), 1, 5, null, true), all,
            n -> ListProjects.Stats.NONE);
    assertThat(page.rows()).extracting(r -> r.project().name()).containsExactly("Alpha", "mid", "zeta");
    assertThat(page.totalAvailable()).isEqualTo(4);
    assertThat(page.filtered()).isTrue();
    assertThat(
            ListProjects.run(
                    new ListProjects.Query("ALP", false, List.of(), 1, 5, null, true), all,
                    n -> ListProjects.Stats.NONE)
                .rows())
        .extracting(r -> r.project().name())
        .containsExactly("Alpha");
    ListProjects.Page withTest =
        ListProjects.run(
            new ListProjects.Query(null, true, List.of(), 2, 3, null, true), all,
            n -> ListProjects.Stats.NONE);
    assertThat(withTest.rows()).extracting(r -> r.project().name()).containsExactly("zeta");
    assertThat(withTest.hasPrev()).isTrue();
    assertThat(withTest.hasNext()).isFalse();
    ListProjects.Page byEntries =
        ListProjects.run(
            new ListProjects.Query(null, true, List.of(), 1, 10, "total_entries", true), all,
            n -> new ListProjects.Stats(n.length(), null, null));
    assertThat(byEntries.rows()).extracting(r -> r.project().name())
        .containsExactly("demo-x", "Alpha", "zeta", "mid");
    assertThat(ListProjects.isTestName("test-run-deadbeef12")).isTrue();
    assertThat(ListProjects.isTestName("testing")).isFalse();
  }
}
