package dev.scribe.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.projections.TestLog.Placed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * For random histories: the state projections build live (while events are being appended) equals
 * the state a rebuild from position 0 builds, equals the state a projection restarted from a
 * mid-way checkpoint — after a simulated crash that left its files ahead of the checkpoint —
 * builds, equals a plain sequential fold of the log.
 *
 * <p>Each run draws a fresh root seed (or takes {@code -Dscribe.test.seed=N} to replay one
 * history); every assertion message carries the seed of the history it checks.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RebuildEqualsLiveTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int HISTORIES = 8;

  @TempDir Path tmp;

  @Test
  void rebuild_and_restart_from_a_checkpoint_equal_live_for_random_histories() throws Exception {
    String fixed = System.getProperty("scribe.test.seed", "");
    long root = fixed.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    int runs = fixed.isEmpty() ? HISTORIES : 1;
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
    String why = "seed=" + seed + " (replay: -Dscribe.test.seed=" + seed + ")";
    Random rnd = new Random(seed);
    List<List<Placed>> history = RandomHistory.generate(rnd, 100 + rnd.nextInt(400));
    int half = history.size() / 2;
    int crashAt = half + (history.size() - half) / 2;
    int every = 1 + rnd.nextInt(40);
    Duration idle = Duration.ofMillis(5 + rnd.nextInt(50));
    RunnerConfig configA = new RunnerConfig(dir.resolve("a"), every, idle);
    RunnerConfig configB = new RunnerConfig(dir.resolve("b"), every, idle);

    try (InMemoryEventLog log = TestLog.create("h" + seed)) {
      // A: runs live start to end. B: "crashes" after a mid-way checkpoint, then restarts.
      Sample a = new Sample("a", dir);
      Sample b = new Sample("b", dir);
      ProjectionRunner runnerA = ProjectionRunner.over(log, TestLog.CODEC, configA);
      ProjectionRunner runnerB = ProjectionRunner.over(log, TestLog.CODEC, configB);
      try {
        a.registerOn(runnerA);
        b.registerOn(runnerB);
        runnerA.start();
        runnerB.start();

        appendAll(log, history.subList(0, half), rnd);
        long mid = log.lastPosition();
        assertThat(runnerB.awaitAllApplied(mid, WAIT)).as(why).isTrue();
        if (rnd.nextBoolean()) {
          assertThat(runnerB.checkpointNow("counts")).as(why).isTrue();
          assertThat(runnerB.checkpointNow("files")).as(why).isTrue();
        }
        b.crash();
        appendAll(log, history.subList(half, crashAt), rnd);
        assertThat(runnerB.awaitAllApplied(log.lastPosition(), WAIT)).as(why).isTrue();
      } finally {
        runnerB.close(); // no checkpoints reach disk: B "crashed"
      }
      long bCounts = durableCheckpoint(dir.resolve("b").resolve("counts"));
      long bFiles = durableCheckpoint(dir.resolve("b").resolve("files"));
      assertThat(bCounts).as(why).isLessThanOrEqualTo(log.lastPosition());

      appendAll(log, history.subList(crashAt, history.size()), rnd);
      long end = log.lastPosition();

      Sample restarted = new Sample("b", dir);
      ProjectionRunner runnerB2 = ProjectionRunner.over(log, TestLog.CODEC, configB);
      try {
        restarted.registerOn(runnerB2);
        runnerB2.start();
        assertThat(runnerA.awaitAllApplied(end, WAIT)).as(why).isTrue();
        assertThat(runnerB2.awaitAllApplied(end, WAIT)).as(why).isTrue();

        EntryCounts expectedCounts = foldSequentially(log);
        SortedMap<String, String> expectedFiles = filesFromLog(log);
        EntryCounts live = a.counts.inner.state();
        SortedMap<String, String> liveFiles = a.files.inner.contents();
        assertThat(live).as("live fold vs sequential fold, " + why).isEqualTo(expectedCounts);
        assertThat(liveFiles).as("live files vs log, " + why).isEqualTo(expectedFiles);

        assertThat(restarted.counts.inner.state()).as("restarted fold, " + why).isEqualTo(live);
        assertThat(restarted.files.inner.contents())
            .as("restarted files, " + why)
            .isEqualTo(liveFiles);
        assertThat(restarted.counts.applies.get())
            .as("fold resumed from its checkpoint, " + why)
            .isEqualTo((int) (end - bCounts));
        assertThat(restarted.files.applies.get())
            .as("files resumed from their checkpoint, " + why)
            .isEqualTo((int) (end - bFiles));

        runnerA.rebuild("counts");
        runnerA.rebuild("files");
        assertThat(runnerA.awaitAllApplied(end, WAIT)).as(why).isTrue();
        assertThat(a.counts.inner.state()).as("rebuilt fold, " + why).isEqualTo(live);
        assertThat(a.files.inner.contents()).as("rebuilt files, " + why).isEqualTo(liveFiles);
        assertThat(runnerA.status())
            .as(why)
            .allSatisfy(s -> assertThat(s.failureIfAny()).as(why).isEmpty());
      } finally {
        runnerA.close();
        runnerB2.close();
      }
    }
  }

  /** The two sample projections of one runner, wrapped to count applies and simulate a crash. */
  private static final class Sample {
    final Instrumented<FoldProjection<EntryCounts>> counts;
    final Instrumented<EntryFilesProjection> files;

    Sample(String id, Path dir) {
      counts =
          new Instrumented<>(
              FoldProjection.snapshotted("counts", EntryCounts.fold(), EntryCounts.CODEC));
      files = new Instrumented<>(new EntryFilesProjection("files", dir.resolve("out-" + id)));
    }

    void registerOn(ProjectionRunner r) {
      r.register(counts);
      r.register(files);
    }

    void crash() {
      counts.crashed = true;
      files.crashed = true;
    }
  }

  private static void appendAll(InMemoryEventLog log, List<List<Placed>> batches, Random rnd) {
    for (List<Placed> batch : batches) {
      TestLog.append(log, batch, "exec-" + rnd.nextInt(1_000_000));
    }
  }

  private static long durableCheckpoint(Path projectionDir) throws Exception {
    Optional<CheckpointFile.Contents> c = CheckpointFile.read(projectionDir.resolve("checkpoint"));
    return c.map(x -> x.checkpoint().position()).orElse(0L);
  }

  private static EntryCounts foldSequentially(InMemoryEventLog log) {
    Fold<EntryCounts> fold = EntryCounts.fold();
    EntryCounts[] s = {fold.initial()};
    log.forEach(1, e -> s[0] = fold.apply(s[0], TestLog.CODEC.toRecorded(e)));
    return s[0];
  }

  /** What the files projection should hold, computed directly from the log. */
  private static SortedMap<String, String> filesFromLog(InMemoryEventLog log) {
    SortedMap<String, StringBuilder> files = new TreeMap<>();
    log.forEach(
        1,
        stored -> {
          RecordedEvent r = TestLog.CODEC.toRecorded(stored);
          if (r.event() instanceof EntryAppended e) {
            files
                .computeIfAbsent(e.project() + ".log", k -> new StringBuilder())
                .append(r.position())
                .append('|')
                .append(e.entryId())
                .append('|')
                .append(e.message().replace("\n", "\\n"))
                .append('\n');
          } else if (r.event() instanceof ProjectDeleted d) {
            files.remove(d.name() + ".log");
          }
        });
    SortedMap<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
