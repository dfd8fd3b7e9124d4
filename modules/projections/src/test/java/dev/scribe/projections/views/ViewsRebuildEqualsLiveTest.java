package dev.scribe.projections.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.RunnerConfig;
import dev.scribe.projections.views.ViewHistory.Placed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * For random histories, the project registry and the recent-entries view built live (while the
 * history is appended) equal the views rebuilt from position 0, equal fresh views that catch up
 * from scratch, equal a plain sequential fold. The seed is in every failure message ({@code
 * -Dscribe.test.seed=N} replays one history).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ViewsRebuildEqualsLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void registry_and_recent_entries_rebuilt_from_scratch_equal_live() throws Exception {
    String fixed = System.getProperty("scribe.test.seed", "");
    long root = fixed.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    int runs = fixed.isEmpty() ? 6 : 1;
    for (int i = 0; i < runs; i++) {
      long seed = root + i;
      try {
        check(seed, tmp.resolve("run-" + i));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "History with seed " + seed + " failed (replay: -Dscribe.test.seed=" + seed + ")", e);
      }
    }
  }

  private void check(long seed, Path dir) throws Exception {
    String why = "seed=" + seed;
    Random rnd = new Random(seed);
    List<List<Placed>> history = ViewHistory.generate(rnd, 200 + rnd.nextInt(600));
    int window = 1 + rnd.nextInt(40); // small, so eviction happens
    try (InMemoryEventLog log = ViewHistory.log("h" + seed)) {
      ProjectsView projects = new ProjectsView();
      RecentEntriesView recent = new RecentEntriesView(window);
      SessionsView sessions = new SessionsView();
      ProjectionRunner live = ProjectionRunner.over(log, ViewHistory.CODEC, RunnerConfig.defaults(dir.resolve("live")));
      try {
        live.register(projects);
        live.register(recent);
        live.register(sessions.projection());
        live.start();
        for (List<Placed> batch : history) ViewHistory.append(log, batch);
        long end = log.lastPosition();
        assertThat(live.awaitAllApplied(end, WAIT)).as(why).isTrue();
        ProjectsView.Snapshot liveProjects = projects.snapshot();
        var liveRecent = recent.snapshot();
        var liveSessions = sessions.projection().state();
        // Not vacuous: the registry saw registrations (a history may end with every project
        // deleted, so the final registry can legitimately be empty).
        assertThat(liveProjects.version()).as(why).isGreaterThan(0);

        // Sequential fold of the whole log.
        ProjectsView p2 = new ProjectsView();
        RecentEntriesView r2 = new RecentEntriesView(window);
        p2.open(dir);
        r2.open(dir);
        log.forEach(1, e -> {
          var rec = ViewHistory.CODEC.toRecorded(e);
          p2.apply(rec);
          r2.apply(rec);
        });
        assertThat(p2.snapshot()).as(why).isEqualTo(liveProjects);
        assertThat(r2.snapshot()).as(why).isEqualTo(liveRecent);

        // Rebuild in place from position 0.
        live.rebuild(ProjectsView.NAME);
        live.rebuild(RecentEntriesView.NAME);
        live.rebuild(SessionsView.NAME);
        assertThat(live.awaitAllApplied(end, WAIT)).as(why).isTrue();
        assertThat(projects.snapshot()).as(why).isEqualTo(liveProjects);
        assertThat(recent.snapshot()).as(why).isEqualTo(liveRecent);
        assertThat(sessions.projection().state()).as(why).isEqualTo(liveSessions);

        // Fresh views catching up from scratch on another runner.
        ProjectsView p3 = new ProjectsView();
        RecentEntriesView r3 = new RecentEntriesView(window);
        try (ProjectionRunner fresh =
            ProjectionRunner.over(log, ViewHistory.CODEC, RunnerConfig.defaults(dir.resolve("fresh")))) {
          fresh.register(p3);
          fresh.register(r3);
          fresh.start();
          assertThat(fresh.awaitAllApplied(end, WAIT)).as(why).isTrue();
          assertThat(p3.snapshot()).as(why).isEqualTo(liveProjects);
          assertThat(r3.snapshot()).as(why).isEqualTo(liveRecent);
        }
        // The window keeps exactly the last min(total, window) entries.
        liveRecent.forEach(
            (name, s) ->
                assertThat(s.windowPositions()).as(why + " " + name)
                    .hasSize((int) Math.min(s.total(), window)));
      } finally {
        live.close();
      }
    }
  }
}
