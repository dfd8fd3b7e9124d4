package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.NO_BINDING;
import static dev.scribe.server.tools.project.ProjectModeFixture.args;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation (reference B09–B14) under load: 32 sessions across 8 projects append 25 entries each,
 * all at once, some of them re-binding half-way, some with an {@code agent} argument naming
 * another session, while an unbound session keeps trying to append and read. A checker then
 * proves there was no cross-talk:
 *
 * <ul>
 *   <li>every entry in the log is on its project's stream and belongs to the project its own
 *       session was bound to at that log position, and that project was live;
 *   <li>every entry a session ever read (read_recent, get_project) belongs to the project that
 *       session was bound to when it read;
 *   <li>each project's view holds exactly the log's entries of that project;
 *   <li>the unbound session wrote nothing and read nothing.
 * </ul>
 */
@Timeout(600)
class SessionIsolationTest {
  private static final int PROJECTS = 8;
  private static final int SESSIONS = 32;
  private static final int APPENDS = 25;

  @TempDir Path dir;

  /** What one session saw: the project it was bound to and the entry ids a read returned. */
  record Seen(String session, String project, List<String> entryIds) {}

  @Test
  void b09_to_b14_many_concurrent_sessions_never_cross_talk() throws Exception {
    long seed = ThreadLocalRandom.current().nextLong();
    String why = "seed=" + seed;
    Random rnd = new Random(seed);
    try (ScribeTestServer server = ProjectModeFixture.server(dir)) {
      List<McpTestClient> clients = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) clients.add(server.client());
      McpTestClient unbound = server.client();
      boolean[] switches = new boolean[SESSIONS];
      int[] agentOf = new int[SESSIONS];
      for (int i = 0; i < SESSIONS; i++) {
        switches[i] = rnd.nextInt(4) == 0;
        agentOf[i] = rnd.nextInt(SESSIONS);
      }
      ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 1);
      List<Future<?>> done = new ArrayList<>();
      try {
        for (int i = 0; i < SESSIONS; i++) {
          int s = i;
          done.add(pool.submit(() -> {
            go.await();
            McpTestClient c = clients.get(s);
            String project = "p" + (s % PROJECTS);
            bind(c, project, dir.resolve("repo-" + project));
            for (int k = 0; k < APPENDS; k++) {
              if (switches[s] && k == APPENDS / 2) {
                project = "p" + ((s + 1) % PROJECTS);
                bind(c, project, dir.resolve("repo-" + project));
              }
              ToolReply a =
                  c.call("append_entry", args("message", "s" + s + ":" + k, "agent", "agent-" + agentOf[s],
                      "format", "structured"));
              if (!a.ok() || !a.at("/project_name").asText().equals(project)) {
                failures.add("append " + s + ":" + k + " in " + project + ": " + a);
              }
              if (k % 5 == 4) {
                ToolReply r = c.call("read_recent", args("page_size", 50, "format", "structured"));
                if (!r.ok() || !r.at("/project_name").asText().equals(project)) {
                  failures.add("read " + s + ":" + k + " in " + project + ": " + r);
                }
                List<String> ids = new ArrayList<>();
                for (JsonNode e : r.at("/entries")) ids.add(e.path("id").asText());
                seen.add(new Seen(c.sessionId(), project, ids));
                ToolReply g = c.call("get_project");
                if (!g.at("/project/name").asText().equals(project)
                    || !g.at("/project/meta/current_project").asText().equals(project)) {
                  failures.add("get_project " + s + " in " + project + ": " + g);
                }
                ToolReply l = c.call("list_projects", args("include_test", true));
                if (!l.at("/active_project").asText().equals(project)) {
                  failures.add("list_projects " + s + " in " + project + ": " + l);
                }
              }
            }
            return null;
          }));
        }
        done.add(pool.submit(() -> {
          go.await();
          for (int k = 0; k < APPENDS; k++) {
            ToolReply a = unbound.call("append_entry", args("message", "intruder " + k));
            ToolReply r = unbound.call("read_recent");
            if (!a.errorCode().equals("no_project_bound") || !a.errorMessage().equals(NO_BINDING)
                || !r.errorCode().equals("no_project_bound")) {
              failures.add("unbound session got " + a + " / " + r);
            }
          }
          return null;
        }));
        go.countDown();
        for (Future<?> f : done) f.get();
      } finally {
        pool.shutdownNow();
      }
      assertThat(failures).as(why).isEmpty();

      // The log: every entry belongs to the project its session was bound to at that position.
      List<RecordedEvent> log = server.events();
      Map<String, String> boundTo = new HashMap<>();
      Set<String> live = new HashSet<>();
      Map<String, String> projectOfEntry = new HashMap<>();
      Map<String, Set<String>> entriesOfProject = new HashMap<>();
      int entries = 0;
      for (RecordedEvent r : log) {
        if (r.event() instanceof ProjectRegistered p) live.add(p.name());
        if (r.event() instanceof ProjectDeleted d) live.remove(d.name());
        if (r.event() instanceof ProjectBound b) {
          assertThat(b.sessionId()).as(why).isEqualTo(r.sessionId());
          assertThat(r.stream()).as(why).isEqualTo(Streams.binding(r.sessionId()));
          boundTo.put(b.sessionId(), b.project());
        }
        if (r.event() instanceof EntryAppended e) {
          entries++;
          String bound = boundTo.get(r.sessionId());
          assertThat(e.project()).as(why + " entry " + e.message() + " at " + r.position())
              .isEqualTo(bound);
          assertThat(r.stream()).as(why).isEqualTo(Streams.project(bound));
          assertThat(live).as(why).contains(bound);
          assertThat(e.message()).as(why).doesNotStartWith("intruder");
          projectOfEntry.put(e.entryId(), e.project());
          entriesOfProject.computeIfAbsent(e.project(), x -> new HashSet<>()).add(e.entryId());
        }
      }
      assertThat(entries).as(why).isEqualTo(SESSIONS * APPENDS);
      assertThat(entriesOfProject).as(why).hasSize(PROJECTS);

      // Every read: only entries of the project the reader was bound to.
      assertThat(seen).as(why).isNotEmpty();
      for (Seen s : seen) {
        for (String id : s.entryIds()) {
          assertThat(projectOfEntry.get(id)).as(why + " session " + s.session() + " read " + id)
              .isEqualTo(s.project());
        }
      }

      // Each project's view holds exactly the log's entries of that project.
      McpTestClient observer = server.client();
      for (int p = 0; p < PROJECTS; p++) {
        String project = "p" + p;
        bind(observer, project, dir.resolve("repo-" + project));
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
          ToolReply r =
              ok(observer.call("read_recent", args("page_size", 200, "page", page, "format", "structured")));
          for (JsonNode e : r.at("/entries")) ids.add(e.path("id").asText());
          if (!r.at("/pagination/has_next").asBoolean()) break;
        }
        assertThat(ids).as(why + " " + project).isEqualTo(entriesOfProject.get(project));
        assertThat(ok(observer.call("get_project")).at("/project/meta/total_entries").asInt())
            .as(why).isEqualTo(entriesOfProject.get(project).size());
      }
    }
  }

  @Test
  void b10_b11_an_agent_argument_never_changes_where_an_entry_goes() {
    try (ScribeTestServer server = ProjectModeFixture.server(dir)) {
      McpTestClient a = server.client();
      McpTestClient b = server.client();
      McpTestClient fresh = server.client();
      bind(a, "alpha", dir.resolve("ra"));
      bind(b, "beta", dir.resolve("rb"));
      ToolReply r = ok(a.call("append_entry", args("message", "m", "agent", "X", "format", "structured")));
      assertThat(r.at("/project_name").asText()).isEqualTo("alpha");
      assertThat(server.events(EntryAppended.class)).singleElement()
          .satisfies(e -> assertThat(e.project()).isEqualTo("alpha"));
      ToolReply c = fresh.call("append_entry", args("message", "m", "agent", b.sessionId()));
      assertThat(c.errorCode()).isEqualTo("no_project_bound");
      assertThat(server.events(EntryAppended.class)).hasSize(1);
      ToolReply readB = ok(b.call("read_recent", args("format", "structured")));
      assertThat(readB.at("/entries")).isEmpty();
      // B09: query_entries answers each session from its own project too.
      ToolReply queryA = ok(a.call("query_entries", args("format", "structured")));
      assertThat(queryA.at("/project_name").asText()).isEqualTo("alpha");
      assertThat(queryA.at("/total_found").asInt()).isEqualTo(1);
      ToolReply queryB = ok(b.call("query_entries", args("format", "structured")));
      assertThat(queryB.at("/project_name").asText()).isEqualTo("beta");
      assertThat(queryB.at("/total_found").asInt()).isZero();
    }
  }
}
