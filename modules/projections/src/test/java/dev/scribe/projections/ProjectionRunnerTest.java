package dev.scribe.projections;

import static dev.scribe.projections.TestLog.append;
import static dev.scribe.projections.TestLog.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.projections.ProjectionFailure.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProjectionRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Long enough that no idle checkpoint happens during a test. */
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path base;
  private final InMemoryEventLog log = TestLog.create("log");
  private final List<ProjectionRunner> runners = new ArrayList<>();

  @AfterEach
  void close() {
    runners.forEach(ProjectionRunner::close);
    log.close();
  }

  private ProjectionRunner runner(RunnerConfig config) {
    ProjectionRunner r = ProjectionRunner.over(log, TestLog.CODEC, config);
    runners.add(r);
    return r;
  }

  private ProjectionRunner runner() {
    return runner(RunnerConfig.defaults(base).withIdleCheckpointInterval(NEVER));
  }

  private static Instrumented<FoldProjection<EntryCounts>> counts(String name) {
    return new Instrumented<>(
        FoldProjection.snapshotted(name, EntryCounts.fold(), EntryCounts.CODEC));
  }

  /** As {@link #counts}, skipping the event types the fold ignores (tool-call records among them). */
  private static Instrumented<FoldProjection<EntryCounts>> filteringCounts(String name) {
    return Instrumented.filtering(
        FoldProjection.snapshotted(name, EntryCounts.fold(), EntryCounts.CODEC));
  }

  /** The first checkpoint {@code p} writes at or past {@code position} (null if none within 30 s). */
  private static Checkpoint checkpointReaching(Instrumented<?> p, long position)
      throws InterruptedException {
    Checkpoint c = p.checkpoints.poll(30, TimeUnit.SECONDS);
    while (c != null && c.position() < position) c = p.checkpoints.poll(30, TimeUnit.SECONDS);
    return c;
  }

  private void appendEntries(int n) {
    for (int i = 0; i < n; i++)
      append(log, entry("s1", i % 2 == 0 ? "alpha" : "beta", "e" + i, "m"));
  }

  @Test
  void a_tool_handler_sees_its_own_write_once_awaitApplied_returns() throws Exception {
    FoldProjection<EntryCounts> counts = FoldProjection.inMemory("counts", EntryCounts.fold());
    ProjectionRunner r = runner();
    r.register(counts);
    r.start();

    for (int i = 1; i <= 50; i++) {
      AppendResult written = append(log, entry("s1", "alpha", "e" + i, "step " + i));
      assertThat(r.awaitApplied("counts", written.lastPosition(), WAIT)).isTrue();
      AppliedState<EntryCounts> seen = counts.current();
      assertThat(seen.position()).isGreaterThanOrEqualTo(written.lastPosition());
      assertThat(seen.state().entries()).containsEntry("alpha", (long) i);
    }
  }

  @Test
  void a_projection_that_throws_at_event_k_is_failed_at_k_minus_1_while_the_others_reach_the_end()
      throws Exception {
    Instrumented<FoldProjection<EntryCounts>> healthy = counts("healthy");
    Instrumented<FoldProjection<EntryCounts>> broken = counts("broken");
    broken.failAt = 17;
    ProjectionRunner r = runner();
    r.register(healthy);
    r.register(broken);
    r.start();

    appendEntries(40);

    assertThat(r.awaitApplied("healthy", 40, WAIT)).isTrue();
    assertThatThrownBy(() -> r.awaitApplied("broken", 40, WAIT))
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("APPLY at position 17")
        .hasMessageContaining("boom at 17");
    ProjectionStatus s = r.status("broken");
    assertThat(s.state()).isEqualTo(ProjectionState.FAILED);
    assertThat(s.lastApplied()).isEqualTo(16);
    assertThat(s.lag()).isEqualTo(24);
    assertThat(s.failureIfAny())
        .get()
        .satisfies(
            f -> {
              assertThat(f.stage()).isEqualTo(Stage.APPLY);
              assertThat(f.position()).isEqualTo(17);
              assertThat(f.error()).contains("IllegalStateException", "boom at 17");
            });
    assertThat(broken.inner.current().position()).isEqualTo(16);
    assertThat(r.status("healthy").state()).isEqualTo(ProjectionState.LIVE);
    assertThat(r.status("healthy").lag()).isZero();

    // More events still reach the healthy one; the failed one stays where it failed.
    appendEntries(5);
    assertThat(r.awaitApplied("healthy", 45, WAIT)).isTrue();
    assertThat(r.status("broken").lastApplied()).isEqualTo(16);

    // Fixed, a rebuild replays it from position 0 to the end.
    broken.failAt = 0;
    r.rebuild("broken");
    assertThat(r.awaitApplied("broken", 45, WAIT)).isTrue();
    assertThat(r.status("broken").failureIfAny()).isEmpty();
    assertThat(broken.inner.state()).isEqualTo(healthy.inner.state());
  }

  @Test
  void a_blocked_projection_does_not_stall_the_others_and_shows_its_lag() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> slow = counts("slow");
    CountDownLatch gate = new CountDownLatch(1);
    slow.gate = gate;
    FoldProjection<EntryCounts> fast = FoldProjection.inMemory("fast", EntryCounts.fold());
    ProjectionRunner r = runner();
    r.register(slow);
    r.register(fast);
    appendEntries(30); // before start: both catch up
    r.start();
    try {
      assertThat(r.awaitApplied("fast", 30, WAIT)).isTrue();
      assertThat(slow.blocked.await(30, TimeUnit.SECONDS)).isTrue();

      ProjectionStatus s = r.status("slow");
      assertThat(s.state()).isEqualTo(ProjectionState.CATCHING_UP);
      assertThat(s.lastApplied()).isZero();
      assertThat(s.lag()).isEqualTo(30);
      assertThat(r.status("fast").state()).isEqualTo(ProjectionState.LIVE);
      assertThat(r.awaitApplied("slow", 30, Duration.ZERO)).isFalse();
    } finally {
      slow.gate = null;
      gate.countDown();
    }
    assertThat(r.awaitApplied("slow", 30, WAIT)).isTrue();
    assertThat(r.status("slow").state()).isEqualTo(ProjectionState.LIVE);
  }

  @Test
  void an_event_of_an_unknown_type_fails_the_projections_at_its_position_and_nothing_else()
      throws Exception {
    // a and b apply every event (no type filter), so they must decode the unknown one and fail;
    // typed only names the types it handles and skips the unknown one without decoding it.
    Fold<EntryCounts> counts = EntryCounts.fold();
    Fold<EntryCounts> everything =
        new Fold<>() {
          @Override
          public EntryCounts initial() {
            return counts.initial();
          }

          @Override
          public EntryCounts apply(EntryCounts state, dev.scribe.domain.RecordedEvent event) {
            return counts.apply(state, event);
          }
        };
    FoldProjection<EntryCounts> a = FoldProjection.inMemory("a", everything);
    FoldProjection<EntryCounts> b = FoldProjection.inMemory("b", everything);
    FoldProjection<EntryCounts> typed = FoldProjection.inMemory("typed", counts);
    ProjectionRunner r = runner();
    r.register(a);
    r.register(b);
    r.register(typed);
    r.start();

    appendEntries(5);
    long unknown = TestLog.appendUnknownType(log).lastPosition();
    appendEntries(3);
    assertThat(r.awaitApplied("typed", 9, WAIT)).isTrue();
    assertThat(typed.current().position()).isEqualTo(9);

    for (String name : List.of("a", "b")) {
      assertThatThrownBy(() -> r.awaitApplied(name, 9, WAIT))
          .isInstanceOf(ProjectionFailedException.class);
      ProjectionStatus s = r.status(name);
      assertThat(s.lastApplied()).isEqualTo(5);
      assertThat(s.failureIfAny())
          .get()
          .satisfies(
              f -> {
                assertThat(f.stage()).isEqualTo(Stage.DECODE);
                assertThat(f.position()).isEqualTo(unknown);
                assertThat(f.error()).contains("FromTheFuture");
              });
    }
    assertThat(a.current().position()).isEqualTo(5);
    // The runner itself is fine: status, registration and waits keep working.
    FoldProjection<EntryCounts> late = FoldProjection.inMemory("late", EntryCounts.fold());
    r.register(late);
    assertThat(r.awaitApplied("late", 5, WAIT)).isTrue();
  }

  @Test
  void a_projection_is_given_only_the_events_it_applies_and_skips_the_rest_undecoded()
      throws Exception {
    List<Long> applied = Collections.synchronizedList(new ArrayList<>());
    List<Long> skipped = Collections.synchronizedList(new ArrayList<>());
    Projection alphaOnly = alphaOnly(applied, skipped);
    ProjectionRunner r = runner();
    r.register(alphaOnly);
    r.start();
    appendEntries(4); // alpha, beta, alpha, beta
    long unknown = TestLog.appendUnknownType(log).lastPosition(); // on another stream: never decoded
    appendEntries(2);
    // An applied event last: the skips before it are then delivered (a wait for a skipped
    // position alone need not deliver them, see the next test).
    long last = append(log, entry("s1", "alpha", "last", "m")).lastPosition();
    assertThat(r.awaitApplied("alpha-only", last, WAIT)).isTrue();
    assertThat(applied).containsExactly(1L, 3L, 6L, last);
    assertThat(skipped).containsExactly(2L, 4L, unknown, 7L);
    assertThat(r.status("alpha-only").state()).isEqualTo(ProjectionState.LIVE);
  }

  /** Applies the events of project alpha's stream; notes the positions it applies and skips. */
  private static Projection alphaOnly(List<Long> applied, List<Long> skipped) {
    return alphaOnly(applied, skipped, () -> {});
  }

  /** {@link #alphaOnly(List, List)} that runs {@code beforeSkip} before noting each skip. */
  private static Projection alphaOnly(List<Long> applied, List<Long> skipped, Runnable beforeSkip) {
    return new Projection() {
      @Override
      public String name() {
        return "alpha-only";
      }

      @Override
      public Checkpoint open(Path directory) {
        return Checkpoint.NONE;
      }

      @Override
      public boolean applies(String type, String stream) {
        return stream.equals(dev.scribe.domain.Streams.project("alpha"));
      }

      @Override
      public void apply(dev.scribe.domain.RecordedEvent event) {
        assertThat(event.stream()).isEqualTo("project-alpha");
        applied.add(event.position());
      }

      @Override
      public void skip(long position) {
        beforeSkip.run();
        skipped.add(position);
      }

      @Override
      public void checkpoint(Checkpoint checkpoint) {}

      @Override
      public void reset() {
        applied.clear();
        skipped.clear();
      }
    };
  }

  @Test
  void waiting_for_events_a_projection_only_skips_returns_without_having_them_delivered()
      throws Exception {
    List<Long> applied = Collections.synchronizedList(new ArrayList<>());
    List<Long> skipped = Collections.synchronizedList(new ArrayList<>());
    // Skips cannot finish until the gate opens: a wait that needed them delivered cannot return.
    CountDownLatch gate = new CountDownLatch(1);
    Runnable beforeSkip =
        () -> {
          try {
            gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    // A tail whose subscribers never wake on their own within the test: held-back events are
    // delivered only when an accepted event comes or somebody asks for them.
    SharedTail tail = new SharedTail(log, 2048, Duration.ofHours(1));
    try {
      ProjectionRunner r =
          new ProjectionRunner(
              log, tail, TestLog.CODEC,
              RunnerConfig.defaults(base).withIdleCheckpointInterval(NEVER));
      runners.add(r);
      r.register(alphaOnly(applied, skipped, beforeSkip));
      r.start();
      appendEntries(1); // alpha at 1
      assertThat(r.awaitApplied("alpha-only", 1, WAIT)).isTrue();
      // 20 events the projection only skips, in one batch: the tail reads them as one page.
      TestLog.Placed[] betas = new TestLog.Placed[20];
      for (int i = 0; i < betas.length; i++) betas[i] = entry("s1", "beta", "b" + i, "m");
      long last = append(log, betas).lastPosition();
      // Once the tail has read them, the projection's state counts as current through them...
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (r.status("alpha-only").lastApplied() < last && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(r.status("alpha-only").lastApplied()).isEqualTo(last);
      // ...so waiting for them returns without their skips having been delivered.
      assertThat(r.awaitApplied("alpha-only", last, WAIT)).isTrue();
      assertThat(skipped).isEmpty();

      gate.countDown();
      long alpha = append(log, entry("s1", "alpha", "a", "m")).lastPosition();
      assertThat(r.awaitApplied("alpha-only", alpha, WAIT)).isTrue();
      assertThat(skipped).hasSize(20).endsWith(last);
      assertThat(applied).containsExactly(1L, alpha);
    } finally {
      gate.countDown();
      runners.forEach(ProjectionRunner::close);
      runners.clear();
      tail.close();
    }
  }

  @Test
  void checkpoints_every_n_events_not_per_event() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = counts("counts");
    ProjectionRunner r =
        runner(
            RunnerConfig.defaults(base).withCheckpointEvery(10).withIdleCheckpointInterval(NEVER));
    r.register(p);
    r.start();

    appendEntries(25);
    assertThat(r.awaitApplied("counts", 25, WAIT)).isTrue();

    assertThat(p.checkpoints).extracting(Checkpoint::position).containsExactly(10L, 20L);
    assertThat(r.status("counts").lastCheckpoint()).isEqualTo(20);
    // Each checkpoint names the hash of the event at its position.
    for (Checkpoint c : p.checkpoints) {
      assertThat(c.eventHash()).isEqualTo(log.readForward(c.position(), 1).get(0).hashHex());
    }

    r.close();
    assertThat(p.checkpoints).extracting(Checkpoint::position).containsExactly(10L, 20L, 25L);
    assertThat(CheckpointFile.read(base.resolve("counts").resolve("checkpoint")))
        .get()
        .extracting(c -> c.checkpoint().position())
        .isEqualTo(25L);
  }

  @Test
  void skipped_events_do_not_count_towards_the_busy_checkpoint() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = filteringCounts("counts");
    ProjectionRunner r =
        runner(
            RunnerConfig.defaults(base).withCheckpointEvery(10).withIdleCheckpointInterval(NEVER));
    r.register(p);
    r.start();

    for (int i = 0; i < 25; i++) append(log, TestLog.toolInvoked("s1", "health_check"));
    appendEntries(9);
    assertThat(r.awaitApplied("counts", 34, WAIT)).isTrue();
    assertThat(p.checkpoints).as("34 positions, 9 applied").isEmpty();

    appendEntries(1); // the tenth applied event
    // (awaitApplied may return before the checkpoint its event triggers is written: wait for it.)
    assertThat(p.checkpoints.poll(30, TimeUnit.SECONDS))
        .isNotNull()
        .extracting(Checkpoint::position)
        .isEqualTo(35L);
  }

  @Test
  void skipped_events_are_checkpointed_when_idle() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = filteringCounts("counts");
    ProjectionRunner r =
        runner(
            RunnerConfig.defaults(base)
                .withCheckpointEvery(10)
                .withIdleCheckpointInterval(Duration.ofMillis(20)));
    r.register(p);
    r.start();

    for (int i = 0; i < 25; i++) append(log, TestLog.toolInvoked("s1", "health_check"));
    assertThat(r.awaitApplied("counts", 25, WAIT)).isTrue();
    assertThat(checkpointReaching(p, 25)).isNotNull().extracting(Checkpoint::position).isEqualTo(25L);
    assertThat(p.applies.get()).as("only skipped events").isZero();
  }

  @Test
  void checkpoints_when_idle() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = counts("counts");
    ProjectionRunner r =
        runner(
            RunnerConfig.defaults(base)
                .withCheckpointEvery(1000)
                .withIdleCheckpointInterval(Duration.ofMillis(20)));
    r.register(p);
    r.start();

    append(
        log,
        List.of(
            entry("s1", "alpha", "e1", "m"),
            entry("s1", "alpha", "e2", "m"),
            entry("s1", "beta", "e3", "m")),
        "x1");
    assertThat(checkpointReaching(p, 3)).isNotNull().extracting(Checkpoint::position).isEqualTo(3L);
    // (The status may lag the recorded checkpoint by a moment; the file is written first.)
    assertThat(CheckpointFile.read(base.resolve("counts").resolve("checkpoint")))
        .get()
        .extracting(x -> x.checkpoint().position())
        .isEqualTo(3L);
  }

  @Test
  void a_restart_resumes_from_the_checkpoint_not_from_zero() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> before = counts("counts");
    Instrumented<EntryFilesProjection> filesBefore =
        new Instrumented<>(new EntryFilesProjection("files", base.resolve("out")));
    ProjectionRunner first = runner();
    first.register(before);
    first.register(filesBefore);
    first.start();
    appendEntries(40);
    assertThat(first.awaitAllApplied(40, WAIT)).isTrue();
    first.close(); // checkpoints at 40
    assertThat(before.applies.get()).isEqualTo(40);

    appendEntries(10);
    Instrumented<FoldProjection<EntryCounts>> after = counts("counts");
    Instrumented<EntryFilesProjection> filesAfter =
        new Instrumented<>(new EntryFilesProjection("files", base.resolve("out")));
    ProjectionRunner second = runner();
    second.register(after);
    second.register(filesAfter);
    second.start();
    assertThat(second.awaitAllApplied(50, WAIT)).isTrue();

    assertThat(after.applies.get()).as("events applied after restart").isEqualTo(10);
    assertThat(filesAfter.applies.get()).as("events applied after restart").isEqualTo(10);
    assertThat(after.inner.state().entries()).isEqualTo(Map.of("alpha", 25L, "beta", 25L));
    assertThat(filesAfter.inner.contents().get("alpha.log").lines()).hasSize(25);
  }

  @Test
  void an_in_memory_fold_is_rebuilt_from_zero_on_each_start() throws Exception {
    appendEntries(12);
    for (int run = 0; run < 2; run++) {
      Instrumented<FoldProjection<EntryCounts>> p =
          new Instrumented<>(FoldProjection.inMemory("recent", EntryCounts.fold()));
      ProjectionRunner r = runner();
      r.register(p);
      r.start();
      assertThat(r.awaitApplied("recent", 12, WAIT)).isTrue();
      r.close();
      assertThat(p.applies.get()).isEqualTo(12);
    }
  }

  @Test
  void a_checkpoint_made_on_another_log_is_dropped_and_the_projection_rebuilt() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = counts("counts");
    ProjectionRunner first = runner();
    first.register(p);
    first.start();
    appendEntries(20);
    assertThat(first.awaitApplied("counts", 20, WAIT)).isTrue();
    first.close();

    // Same number of events, different ids: every hash differs.
    try (InMemoryEventLog other = TestLog.create("other")) {
      for (int i = 0; i < 30; i++) append(other, entry("s1", "gamma", "g" + i, "m"));
      Instrumented<FoldProjection<EntryCounts>> q = counts("counts");
      ProjectionRunner second =
          new ProjectionRunner(other, other, TestLog.CODEC, RunnerConfig.defaults(base));
      try {
        second.register(q);
        second.start();
        assertThat(second.awaitApplied("counts", 30, WAIT)).isTrue();
        assertThat(q.applies.get()).as("replayed from 0").isEqualTo(30);
        assertThat(q.inner.state().entries()).isEqualTo(Map.of("gamma", 30L));
      } finally {
        second.close();
      }
    }

    // A checkpoint beyond the log's end (a lost tail) is dropped too.
    try (InMemoryEventLog shorter = TestLog.create("short")) {
      for (int i = 0; i < 5; i++) append(shorter, entry("s1", "delta", "d" + i, "m"));
      Instrumented<FoldProjection<EntryCounts>> q = counts("counts");
      ProjectionRunner third =
          new ProjectionRunner(shorter, shorter, TestLog.CODEC, RunnerConfig.defaults(base));
      try {
        third.register(q);
        third.start();
        assertThat(third.awaitApplied("counts", 5, WAIT)).isTrue();
        assertThat(q.applies.get()).isEqualTo(5);
        assertThat(q.inner.state().entries()).isEqualTo(Map.of("delta", 5L));
      } finally {
        third.close();
      }
    }
  }

  @Test
  void rebuild_drops_the_state_and_replays_from_position_zero() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> p = counts("counts");
    ProjectionRunner r = runner();
    r.register(p);
    r.start();
    appendEntries(30);
    assertThat(r.awaitApplied("counts", 30, WAIT)).isTrue();
    assertThat(r.checkpointNow("counts")).isTrue();
    EntryCounts live = p.inner.state();

    r.rebuild("counts");
    assertThat(r.awaitApplied("counts", 30, WAIT)).isTrue();

    assertThat(p.applies.get()).isEqualTo(60);
    assertThat(p.inner.state()).isEqualTo(live);
  }

  @Test
  void a_failing_checkpoint_fails_that_projection_only_and_restart_recovers_it() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> disk = counts("disk");
    Instrumented<FoldProjection<EntryCounts>> other = counts("other");
    disk.failCheckpoints = true;
    ProjectionRunner r =
        runner(
            RunnerConfig.defaults(base).withCheckpointEvery(10).withIdleCheckpointInterval(NEVER));
    r.register(disk);
    r.register(other);
    r.start();
    appendEntries(25);

    assertThat(r.awaitApplied("other", 25, WAIT)).isTrue();
    assertThatThrownBy(() -> r.awaitApplied("disk", 25, WAIT))
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageContaining("CHECKPOINT at position 10")
        .hasMessageContaining("No space left on device");
    assertThat(r.status("disk").lastCheckpoint()).isZero();

    disk.failCheckpoints = false;
    r.restart("disk");
    assertThat(r.awaitApplied("disk", 25, WAIT)).isTrue();
    assertThat(disk.inner.state()).isEqualTo(other.inner.state());
  }

  @Test
  void waiting_for_a_position_not_yet_in_the_log_times_out() throws Exception {
    ProjectionRunner r = runner();
    r.register(FoldProjection.inMemory("counts", EntryCounts.fold()));
    r.start();
    appendEntries(3);
    assertThat(r.awaitApplied("counts", 3, WAIT)).isTrue();
    assertThat(r.awaitApplied("counts", 4, Duration.ofMillis(10))).isFalse();
    assertThat(r.awaitAllApplied(3, WAIT)).isTrue();
  }

  @Test
  void names_must_be_valid_and_unique() {
    ProjectionRunner r = runner();
    r.register(FoldProjection.inMemory("counts", EntryCounts.fold()));
    assertThatThrownBy(() -> r.register(FoldProjection.inMemory("counts", EntryCounts.fold())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered");
    for (String bad : List.of("", "Upper", "../x", "a b", "x".repeat(65))) {
      assertThatThrownBy(() -> r.register(FoldProjection.inMemory(bad, EntryCounts.fold())))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> r.status("missing")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.rebuild("counts")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_status_lists_every_projection_in_registration_order() throws Exception {
    ProjectionRunner r = runner();
    r.register(FoldProjection.inMemory("b", EntryCounts.fold()));
    r.register(FoldProjection.inMemory("a", EntryCounts.fold()));
    assertThat(r.status())
        .extracting(ProjectionStatus::state)
        .containsOnly(ProjectionState.STOPPED);
    r.start();
    appendEntries(2);
    assertThat(r.awaitAllApplied(2, WAIT)).isTrue();
    assertThat(r.status()).extracting(ProjectionStatus::name).containsExactly("b", "a");
    assertThat(r.status())
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(ProjectionState.LIVE);
              assertThat(s.lastApplied()).isEqualTo(2);
              assertThat(s.logPosition()).isEqualTo(2);
            });
    r.close();
    assertThat(r.status())
        .extracting(ProjectionStatus::state)
        .containsOnly(ProjectionState.STOPPED);
  }

  @Test
  void a_projection_that_cannot_open_is_failed_and_the_others_run() throws Exception {
    Instrumented<FoldProjection<EntryCounts>> unopenable =
        new Instrumented<>(FoldProjection.inMemory("bad", EntryCounts.fold()));
    unopenable.failOpen = true;
    ProjectionRunner r = runner();
    r.register(unopenable);
    r.register(FoldProjection.inMemory("good", EntryCounts.fold()));
    r.start();
    appendEntries(3);
    assertThat(r.awaitApplied("good", 3, WAIT)).isTrue();
    assertThat(r.status("bad").failureIfAny())
        .get()
        .satisfies(
            f -> {
              assertThat(f.stage()).isEqualTo(Stage.OPEN);
              assertThat(f.error()).contains("Permission denied");
            });
  }

  @Test
  void a_subscription_that_ends_on_its_own_is_reported_as_failed() throws Exception {
    ProjectionRunner r =
        runner(RunnerConfig.defaults(base).withIdleCheckpointInterval(Duration.ofMillis(20)));
    r.register(FoldProjection.inMemory("counts", EntryCounts.fold()));
    r.start();
    appendEntries(3);
    assertThat(r.awaitApplied("counts", 3, WAIT)).isTrue();

    log.close(); // the subscription stops; nothing will advance the projection any more
    assertThatThrownBy(() -> r.awaitApplied("counts", 4, WAIT))
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageContaining("READ");
    assertThat(r.status("counts").lastApplied()).isEqualTo(3);
  }
}
