package dev.scribe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.SearchUnavailableException;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.RunnerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The index as a projection: rebuild equals live, crash convergence, schema change, freshness. */
@Timeout(120)
class EntryIndexProjectionTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final EventCodec CODEC = new EventCodec();

  @TempDir Path tmp;

  private static RecordedEvent recorded(long position, EntryAppended e) {
    return new RecordedEvent(position, Streams.project(e.project()), 1, "s", "", Instant.EPOCH, e);
  }

  @Test
  void a_rebuild_from_the_log_gives_the_identical_index() throws Exception {
    long seed = ThreadLocalRandom.current().nextLong();
    String why = "seed=" + seed;
    Random r = new Random(seed);
    AtomicLong ids = new AtomicLong();
    InMemoryEventLog log =
        InMemoryEventLog.create(
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            () -> "ev-" + ids.incrementAndGet());
    EntryIndex index = new EntryIndex(IndexConfig.defaults().withMinCommitInterval(Duration.ZERO));
    List<EntryHit> expected = new ArrayList<>();
    try (ProjectionRunner runner =
        ProjectionRunner.over(log, CODEC, RunnerConfig.defaults(tmp).withCheckpointEvery(50))) {
      runner.register(index);
      runner.start();
      int batches = 20 + r.nextInt(20);
      int i = 0;
      for (int b = 0; b < batches; b++) { // appended while the index runs live
        List<NewEvent> batch = new ArrayList<>();
        List<EntryAppended> entries = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(20); k++) {
          if (r.nextInt(6) == 0) {
            batch.add(CODEC.toNew(new SessionClosed("s" + k, "x"), Streams.session("s" + k), "s", ""));
            entries.add(null);
          } else {
            EntryAppended e = RandomEntries.entry(r, i++);
            batch.add(CODEC.toNew(e, Streams.project(e.project()), "s", ""));
            entries.add(e);
          }
        }
        long first = log.append(AppendRequest.of(batch)).firstPosition();
        for (int k = 0; k < entries.size(); k++) {
          if (entries.get(k) != null) expected.add(new EntryHit(first + k, entries.get(k)));
        }
      }
      long last = log.lastPosition();
      List<EntryHit> live = index.all(last);
      assertThat(live).as(why).isEqualTo(expected);

      runner.rebuild(EntryIndex.NAME);
      assertThat(runner.awaitApplied(EntryIndex.NAME, last, WAIT)).isTrue();
      assertThat(index.all(last)).as("rebuilt, " + why).isEqualTo(expected);

      runner.restart(EntryIndex.NAME); // resumes from its durable checkpoint
      assertThat(runner.awaitApplied(EntryIndex.NAME, last, WAIT)).isTrue();
      assertThat(index.all(last)).as("restarted, " + why).isEqualTo(expected);
    }
  }

  @Test
  void documents_committed_beyond_the_checkpoint_are_dropped_on_open_and_replay_converges()
      throws Exception {
    Random r = new Random(7);
    List<EntryHit> all = new ArrayList<>();
    for (int i = 1; i <= 100; i++) all.add(new EntryHit(i, RandomEntries.entry(r, i)));
    EntryIndex index = new EntryIndex(IndexConfig.defaults().withMinCommitInterval(Duration.ZERO));
    assertThat(index.open(tmp)).isEqualTo(Checkpoint.NONE);
    for (EntryHit h : all) index.apply(recorded(h.position(), h.entry()));
    // A deferred commit ran after events 61..100 were applied: it holds their documents.
    Checkpoint at60 = new Checkpoint(60, "a".repeat(64));
    index.checkpoint(at60);
    index.close(); // the "crash": nothing after the commit survives

    EntryIndex reopened = new EntryIndex(IndexConfig.defaults());
    assertThat(reopened.open(tmp)).isEqualTo(at60);
    try {
      assertThat(reopened.all(60)).isEqualTo(all.subList(0, 60));
      for (EntryHit h : all.subList(60, 100)) reopened.apply(recorded(h.position(), h.entry()));
      assertThat(reopened.all(100)).as("each entry exactly once").isEqualTo(all);
    } finally {
      reopened.close();
    }
  }

  @Test
  void catching_up_on_worker_threads_builds_the_same_index_and_never_claims_a_missing_document()
      throws Exception {
    long seed = ThreadLocalRandom.current().nextLong();
    Random r = new Random(seed);
    int n = 12_000; // the first 7,000 are more than 5,000 behind the log's end: batched
    List<EntryHit> all = new ArrayList<>();
    EntryIndex index =
        new EntryIndex(
            IndexConfig.defaults().withIndexThreads(2).withMinCommitInterval(Duration.ZERO),
            () -> n);
    index.open(tmp);
    long maxClaimed = 0;
    for (int i = 1; i <= n; i++) {
      EntryAppended e = RandomEntries.entry(r, i);
      all.add(new EntryHit(i, e));
      index.apply(recorded(i, e));
      if (i % 1000 == 0) index.checkpoint(new Checkpoint(i, "b".repeat(64)));
      long applied = index.appliedPosition();
      assertThat(applied).as("seed=%d", seed).isLessThanOrEqualTo(i).isGreaterThanOrEqualTo(maxClaimed);
      maxClaimed = applied;
      if (i % 2500 == 0) {
        // Whatever the index claims to cover is really there (the searcher covers it).
        List<EntryHit> covered = index.all(applied);
        assertThat(covered.subList(0, (int) Math.min(covered.size(), applied)))
            .as("seed=%d at %d", seed, i).isEqualTo(all.subList(0, (int) applied));
      }
    }
    assertThat(index.appliedPosition()).as("live tail applied synchronously").isEqualTo(n);
    assertThat(index.all(n)).as("seed=%d", seed).isEqualTo(all);
    index.close();

    EntryIndex reopened = new EntryIndex();
    Checkpoint cp = reopened.open(tmp);
    try {
      assertThat(cp.position()).isEqualTo(n);
      assertThat(reopened.all(n)).as("seed=%d", seed).isEqualTo(all);
    } finally {
      reopened.close();
    }
  }

  @Test
  void an_index_of_another_schema_version_is_dropped_and_rebuilt() throws Exception {
    Path dir = tmp.resolve("index");
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig())) {
      w.addDocument(new Document());
      w.setLiveCommitData(Map.of("schema", "0", "position", "5", "hash", "").entrySet());
      w.commit();
    }
    EntryIndex index = new EntryIndex();
    assertThat(index.open(tmp)).isEqualTo(Checkpoint.NONE);
    try {
      assertThat(index.all(0)).isEmpty();
    } finally {
      index.close();
    }
  }

  @Test
  void a_search_covers_its_position_without_waiting_for_the_timer() throws Exception {
    // The background refresh would only run after an hour: the search refreshes on demand.
    EntryIndex index =
        new EntryIndex(IndexConfig.defaults().withRefreshInterval(Duration.ofHours(1)));
    index.open(tmp);
    try {
      EntryAppended e = RandomEntries.entry(new Random(1), 1);
      index.apply(recorded(1, e));
      assertThat(index.searchablePosition()).isZero();
      assertThat(index.search(EntryQuery.builder(EntryScope.allProjects()).build(), 1).entries())
          .containsExactly(new EntryHit(1, e));
      assertThat(index.searchablePosition()).isEqualTo(1);
    } finally {
      index.close();
    }
  }

  @Test
  void long_messages_and_meta_values_are_indexed_and_found_whole() throws Exception {
    EntryIndex index = new EntryIndex();
    index.open(tmp);
    try {
      Random r = new Random(3);
      EntryAppended base = RandomEntries.entry(r, 1);
      String message = "head " + "lorem ipsum ".repeat(20_000) + "needle-at-the-end\nsecond line";
      EntryAppended e =
          new EntryAppended(
              base.entryId(), base.project(), base.logType(), base.teeLogTypes(), base.timestamp(),
              base.timestampMillis(), base.emoji(), base.status(), base.agent(), message,
              List.of(new dev.scribe.domain.events.MetaPair("big", "v".repeat(40_000))),
              base.priority(), base.category(), base.tags(), base.confidence(),
              base.contentSha256());
      index.apply(recorded(1, e));
      for (dev.scribe.domain.query.MessageMode mode : dev.scribe.domain.query.MessageMode.values()) {
        String text = mode == dev.scribe.domain.query.MessageMode.EXACT ? message : "NEEDLE-at-the-end\nsecond";
        EntryQuery q =
            EntryQuery.builder(EntryScope.allProjects())
                .message(dev.scribe.domain.query.MessageMatch.of(
                    mode == dev.scribe.domain.query.MessageMode.REGEX ? "needle-at-the-end\\nsecond" : text,
                    mode, false))
                .meta("big", "v".repeat(40_000))
                .build();
        assertThat(index.search(q, 1).entries()).as(mode.toString()).containsExactly(new EntryHit(1, e));
      }
    } finally {
      index.close();
    }
  }

  @Test
  void a_search_for_a_position_never_applied_fails_clearly() throws Exception {
    EntryIndex index =
        new EntryIndex(IndexConfig.defaults().withAwaitTimeout(Duration.ofMillis(100)));
    index.open(tmp);
    try {
      assertThatThrownBy(() -> index.search(EntryQuery.builder(EntryScope.allProjects()).build(), 3))
          .isInstanceOf(SearchUnavailableException.class)
          .hasMessageContaining("position 3");
    } finally {
      index.close();
    }
    assertThatThrownBy(() -> index.search(EntryQuery.builder(EntryScope.allProjects()).build(), 0))
        .isInstanceOf(SearchUnavailableException.class)
        .hasMessageContaining("closed");
  }
}
