package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.NO_BINDING;
import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.error;
import static dev.scribe.server.tools.project.ProjectModeFixture.log;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** set_project, get_project, list_projects, delete_project: reference B01–B08, B14–B20. */
@Timeout(120)
class ProjectLifecycleTest {
  @TempDir Path dir;
  private ScribeTestServer server;

  @BeforeEach
  void start() {
    server = ProjectModeFixture.server(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void b01_a_new_project_gets_the_slug_docs_and_its_progress_log_is_where_entries_go() {
    McpTestClient c = server.client();
    Path root = dir.resolve("repo");
    ToolReply r = bind(c, "IMPLEMENTATION TESTING", root);
    Path docs = root.resolve(".scribe/docs/dev_plans/implementation_testing");
    assertThat(r.at("/project/slug").asText()).isEqualTo("implementation_testing");
    assertThat(r.at("/project/docs_dir").asText()).isEqualTo(docs.toString());
    assertThat(r.at("/project/progress_log").asText()).isEqualTo(docs.resolve("PROGRESS_LOG.md").toString());
    assertThat(r.at("/created").asBoolean()).isTrue();
    assertThat(strings(r.at("/generated")))
        .extracting(p -> Path.of(p).getFileName().toString())
        .containsExactly(
            "ARCHITECTURE_GUIDE.md", "PHASE_PLAN.md", "CHECKLIST.md", "PROGRESS_LOG.md",
            "DOC_LOG.md", "SECURITY_LOG.md", "BUG_LOG.md");
    assertThat(docs.resolve("ARCHITECTURE_GUIDE.md")).exists();
    assertThat(r.text()).contains("Registered project 'IMPLEMENTATION TESTING'");

    ToolReply entry = log(c, "first");
    assertThat(entry.at("/path").asText()).isEqualTo(r.at("/project/progress_log").asText());
    assertThat(server.events(ProjectRegistered.class)).singleElement()
        .satisfies(e -> assertThat(e.slug()).isEqualTo("implementation_testing"));
  }

  @Test
  void b02_a_progress_log_outside_the_root_is_refused_and_nothing_is_written() {
    McpTestClient c = server.client();
    ToolReply r =
        c.call("set_project", args("name", "m", "root", dir.resolve("a/safe").toString(),
            "progress_log", dir.resolve("a/elsewhere/PROGRESS_LOG.md").toString()));
    error(r, "invalid_argument");
    assertThat(r.errorMessage()).contains("Progress log must be within the project root.");
    assertThat(server.events(ProjectRegistered.class)).isEmpty();
    assertThat(server.events(ProjectBound.class)).isEmpty();
  }

  @Test
  void b03_setting_the_same_project_twice_keeps_the_docs_and_generates_nothing() throws Exception {
    McpTestClient c = server.client();
    Path root = dir.resolve("repo");
    ToolReply first = bind(c, "p", root);
    Path guide = Path.of(first.at("/project/docs/architecture").asText());
    Files.writeString(guide, "# edited by hand\n");

    ToolReply second = bind(c, "p", root);
    assertThat(second.at("/generated")).isEmpty();
    assertThat(strings(second.at("/skipped")))
        .containsExactly(
            "architecture", "phase_plan", "checklist", "progress_log", "doc_log", "security_log",
            "bug_log");
    assertThat(Files.readString(guide)).isEqualTo("# edited by hand\n");
    assertThat(second.at("/created").asBoolean()).isFalse();
    assertThat(second.at("/binding_version").asLong()).isEqualTo(2);
    assertThat(server.events(ProjectRegistered.class)).hasSize(1);
    assertThat(server.events(ProjectBound.class)).hasSize(2);
  }

  @Test
  void b04_a_legacy_docs_directory_is_used_when_only_it_exists() throws Exception {
    Path root = dir.resolve("repo");
    Path legacy = Files.createDirectories(root.resolve("docs/dev_plans/legacy_p"));
    ToolReply r = bind(server.client(), "legacy_p", root);
    assertThat(r.at("/project/docs_dir").asText()).isEqualTo(legacy.toString());
    assertThat(root.resolve(".scribe")).doesNotExist();
  }

  @Test
  void b05_a_progress_log_of_another_project_is_refused() {
    McpTestClient c = server.client();
    Path root = dir.resolve("repo");
    String aLog = bind(c, "A", root).at("/project/progress_log").asText();
    ToolReply r =
        c.call("set_project", args("name", "B", "root", root.toString(), "progress_log", aLog));
    error(r, "conflict");
    assertThat(r.errorMessage()).isEqualTo("Progress log '" + aLog + "' already belongs to project 'A'.");
    ToolReply sameDocs = c.call("set_project", args("name", "a", "root", root.toString()));
    error(sameDocs, "conflict");
    assertThat(sameDocs.errorMessage()).contains("already belongs to project 'A'");
  }

  @Test
  void b06_b07_get_project_answers_the_own_binding_only() {
    McpTestClient one = server.client();
    McpTestClient two = server.client();
    bind(one, "p", dir.resolve("repo"));
    log(one, "an entry");

    ToolReply mine = ok(one.call("get_project"));
    assertThat(mine.at("/project/name").asText()).isEqualTo("p");
    assertThat(mine.at("/project/meta/current_project").asText()).isEqualTo("p");
    List<String> keys = new ArrayList<>();
    mine.at("/project/meta/log_entry_counts").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("bugs", "doc_updates", "global", "progress", "security", "tool_logs");
    assertThat(mine.at("/project/meta/log_entry_counts/progress").asLong()).isEqualTo(1);

    ToolReply nope = one.call("get_project", args("project", "nope"));
    error(nope, "project_not_found");
    assertThat(nope.errorMessage()).isEqualTo("Project 'nope' not found.");

    ToolReply fresh = two.call("get_project");
    error(fresh, "no_project_bound");
    assertThat(fresh.errorMessage()).isEqualTo(NO_BINDING);
    assertThat(fresh.structured().toString()).doesNotContain("\"p\"");
  }

  @Test
  void b08_every_project_tool_in_an_unbound_session_says_to_call_set_project() {
    bind(server.client(), "p", dir.resolve("repo"));
    McpTestClient fresh = server.client();
    for (String tool : List.of("read_recent", "get_project")) {
      ToolReply r = fresh.call(tool);
      error(r, "no_project_bound");
      assertThat(r.errorMessage()).isEqualTo(NO_BINDING);
      assertThat(r.text()).isEqualTo(NO_BINDING);
    }
    ToolReply append = fresh.call("append_entry", args("message", "m"));
    error(append, "no_project_bound");
    assertThat(append.errorMessage()).isEqualTo(NO_BINDING);
    ToolReply list = ok(fresh.call("list_projects", args("include_test", true)));
    assertThat(list.at("/active_project").isNull()).isTrue();
  }

  @Test
  void b14_list_projects_shows_the_callers_own_active_project() {
    McpTestClient a = server.client();
    McpTestClient b = server.client();
    bind(a, "alpha", dir.resolve("ra"));
    bind(b, "beta", dir.resolve("rb"));
    assertThat(ok(a.call("list_projects")).at("/active_project").asText()).isEqualTo("alpha");
    assertThat(ok(b.call("list_projects")).at("/active_project").asText()).isEqualTo("beta");
  }

  @Test
  void b15_a_context_argument_or_an_unknown_parameter_is_refused_not_swallowed() {
    McpTestClient c = server.client();
    error(
        c.call("get_project", args("context", Map.of("repo_root", "rel/path"))),
        "invalid_arguments");
    bind(c, "p", dir.resolve("repo"));
    ToolReply r = c.call("append_entry", args("message", "m", "project", "other"));
    error(r, "invalid_arguments");
    assertThat(r.errorMessage()).contains("project");
  }

  @Test
  void b16_sessions_are_minted_by_the_server_one_per_connection_and_stable() {
    McpTestClient a = server.client();
    McpTestClient b = server.client();
    assertThat(a.sessionId()).isNotEqualTo(b.sessionId());
    a.call("list_projects");
    a.call("list_projects");
    b.call("list_projects");
    List<String> sessions = new ArrayList<>();
    server.events().forEach(e -> {
      if (e.event() instanceof ToolInvoked) sessions.add(e.sessionId());
    });
    assertThat(sessions).containsExactly(a.sessionId(), a.sessionId(), b.sessionId());
  }

  @Test
  void b18_projects_are_listed_by_name_case_insensitively_test_names_hidden_filter_applies() {
    McpTestClient c = server.client();
    for (String name : List.of("zeta", "Alpha", "demo-x", "mid")) bind(c, name, dir.resolve("r-" + name));
    ToolReply all = ok(c.call("list_projects"));
    List<String> names = new ArrayList<>();
    all.at("/projects").forEach(p -> names.add(p.path("name").asText()));
    assertThat(names).containsExactly("Alpha", "mid", "zeta");
    assertThat(all.at("/pagination/page_size").asInt()).isEqualTo(5);
    assertThat(all.at("/total_available").asInt()).isEqualTo(4);
    assertThat(all.at("/projects/0").has("root")).isTrue();
    assertThat(all.at("/projects/0").has("progress_log")).isTrue();

    ToolReply withTest = ok(c.call("list_projects", args("include_test", true)));
    assertThat(withTest.at("/count").asInt()).isEqualTo(4);
    ToolReply filtered = ok(c.call("list_projects", args("filter", "ALP")));
    assertThat(filtered.at("/projects")).hasSize(1);
    assertThat(filtered.at("/projects/0/name").asText()).isEqualTo("Alpha");

    ToolReply paged =
        ok(c.call("list_projects", args("page_size", 2, "page", 2, "include_test", true,
            "compact", true, "fields", List.of("name", "total_entries"))));
    assertThat(paged.at("/projects/0/n").asText()).isEqualTo("mid");
    assertThat(paged.at("/projects/0/te").asLong()).isZero();
    assertThat(paged.at("/pagination/has_prev").asBoolean()).isTrue();
    assertThat(paged.at("/pagination/has_next").asBoolean()).isFalse();
    error(c.call("list_projects", args("fields", List.of("secret"))), "invalid_argument");
  }

  @Test
  void b19_delete_needs_confirmation_and_a_valid_mode() {
    McpTestClient c = server.client();
    bind(c, "p", dir.resolve("repo"));
    ToolReply unconfirmed = c.call("delete_project", args("name", "p"));
    error(unconfirmed, "confirmation_required");
    assertThat(unconfirmed.at("/success").asBoolean(true)).isFalse();
    assertThat(strings(unconfirmed.at("/errors")))
        .containsExactly("Deletion requires explicit confirmation. Set confirm=True to proceed.");
    assertThat(unconfirmed.errorMessage()).isEqualTo("Safety check failed: confirmation required");

    ToolReply bogus = c.call("delete_project", args("name", "p", "mode", "bogus", "confirm", true));
    error(bogus, "invalid_argument");
    assertThat(bogus.at("/success").asBoolean(true)).isFalse();
    assertThat(strings(bogus.at("/errors")))
        .containsExactly("Invalid mode: bogus. Must be 'archive' or 'permanent'.");
    error(c.call("delete_project", args("name", "nope", "confirm", true)), "project_not_found");
    assertThat(server.events(ProjectDeleted.class)).isEmpty();
  }

  @Test
  void b20_delete_affects_the_sessions_bound_to_it_only() {
    McpTestClient owner = server.client();
    McpTestClient other = server.client();
    Path root = dir.resolve("repo");
    bind(owner, "p", root);
    bind(other, "q", dir.resolve("repo-q"));
    log(owner, "before");

    ToolReply del = ok(other.call("delete_project", args("name", "p", "confirm", true)));
    assertThat(del.at("/success").asBoolean()).isTrue();
    assertThat(del.at("/errors")).isEmpty();
    assertThat(del.at("/details/archive_location").asText())
        .isEqualTo(root.resolve(".scribe/archived_projects/p_20260301_090000").toString());
    assertThat(del.at("/warnings/0").asText()).contains("1 other session(s) are bound to 'p'");
    ProjectModeFixture.awaitView(server, "markdown");
    Path archive = Path.of(del.at("/details/archive_location").asText());
    assertThat(archive.resolve("PROGRESS_LOG.md")).exists();
    assertThat(root.resolve(".scribe/docs/dev_plans/p")).doesNotExist();

    for (String tool : List.of("get_project", "read_recent")) {
      ToolReply r = owner.call(tool);
      error(r, "project_deleted");
      assertThat(r.errorMessage())
          .isEqualTo("Project 'p' was deleted; call set_project to bind this session to a project");
    }
    error(owner.call("append_entry", args("message", "after")), "project_deleted");
    assertThat(ok(other.call("get_project")).at("/project/name").asText()).isEqualTo("q");
    log(other, "q still works");

    // The name is free again; the old binding does not come back to life.
    McpTestClient third = server.client();
    bind(third, "p", root);
    error(owner.call("get_project"), "project_deleted");
    ToolReply rebound = bind(owner, "p", root);
    assertThat(rebound.at("/created").asBoolean()).isFalse();
    ToolReply read = ok(owner.call("read_recent", args("format", "structured")));
    assertThat(read.at("/entries")).as("a re-registered project starts empty").isEmpty();
  }

  @Test
  void set_project_expected_version_conflicts_are_errors_naming_both_versions() {
    McpTestClient c = server.client();
    Path root = dir.resolve("repo");
    ToolReply first =
        ok(c.call("set_project", args("name", "p", "root", root.toString(), "expected_version", 0)));
    assertThat(first.at("/binding_version").asLong()).isEqualTo(1);
    ToolReply stale =
        c.call("set_project", args("name", "p", "root", root.toString(), "expected_version", 0));
    error(stale, "conflict");
    assertThat(stale.errorMessage()).contains("expected_version 0").contains("binding version 1");
    assertThat(server.events(ProjectBound.class)).hasSize(1);
    ToolReply good =
        ok(c.call("set_project", args("name", "p", "expected_version", 1)));
    assertThat(good.at("/binding_version").asLong()).isEqualTo(2);
  }

  @Test
  void set_project_keeps_paths_updates_descriptive_fields_and_needs_a_root_for_new_projects() {
    McpTestClient c = server.client();
    Path root = dir.resolve("repo");
    bind(c, "p", root);
    error(c.call("set_project", args("name", "p", "root", dir.resolve("other").toString())), "conflict");
    error(c.call("set_project", args("name", "new")), "invalid_argument");
    error(c.call("set_project", args("name", "rel", "root", "relative/path")), "invalid_argument");
    ToolReply upd =
        ok(c.call("set_project", args("name", "p", "defaults", Map.of("emoji", "🛠️", "agent", "Bot"),
            "description", "d", "tags", "x, y")));
    assertThat(upd.at("/updated").asBoolean()).isTrue();
    assertThat(upd.at("/project/defaults/agent").asText()).isEqualTo("Bot");
    assertThat(strings(upd.at("/project/tags"))).containsExactly("x", "y");
    ToolReply entry = log(c, "uses defaults");
    assertThat(entry.at("/written_line").asText()).startsWith("[🛠️] ").contains("[Agent: Bot]");
  }
}
