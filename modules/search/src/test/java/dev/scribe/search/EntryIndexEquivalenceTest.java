package dev.scribe.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQueries;
import dev.scribe.domain.query.EntryQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory engine ({@link EntryQueries#page}) and the Lucene index return the same pages —
 * same entries, same order, same totals — for random queries over random entries. Seeded: a
 * failure names the seed; {@code -Dscribe.test.seed=N} replays it.
 */
@Timeout(300)
class EntryIndexEquivalenceTest {
  private static final int HISTORIES = 4;
  private static final int QUERIES = 400;

  @TempDir Path tmp;

  @Test
  void lucene_and_in_memory_answer_random_queries_identically() throws Exception {
    String fixed = System.getProperty("scribe.test.seed", "");
    long root = fixed.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    int runs = fixed.isEmpty() ? HISTORIES : 1;
    for (int i = 0; i < runs; i++) {
      long seed = root + i;
      check(seed, tmp.resolve("run-" + i));
    }
  }

  private static List<Long> positions(EntryPage p) {
    List<Long> out = new ArrayList<>();
    for (EntryHit h : p.entries()) out.add(h.position());
    return out;
  }

  private void check(long seed, Path dir) throws Exception {
    Random r = new Random(seed);
    List<EntryHit> hits = new ArrayList<>();
    EntryIndex index = new EntryIndex(IndexConfig.defaults());
    index.open(dir);
    try {
      int n = 200 + r.nextInt(600);
      long position = 0;
      for (int i = 0; i < n; i++) {
        position++;
        if (r.nextInt(5) == 0) { // other events take positions too
          index.apply(new RecordedEvent(position, "s", 1, "s", "", Instant.EPOCH, new SessionClosed("s", "x")));
          continue;
        }
        EntryAppended e = RandomEntries.entry(r, i);
        hits.add(new EntryHit(position, e));
        index.apply(new RecordedEvent(position, "project-" + e.project(), 1, "s", "", Instant.EPOCH, e));
      }
      int nonEmpty = 0;
      for (int k = 0; k < QUERIES; k++) {
        EntryHit sample = hits.get(r.nextInt(hits.size()));
        EntryQuery q = RandomEntries.query(r, sample.entry().message());
        EntryPage expected = EntryQueries.page(hits, q);
        EntryPage actual = index.search(q, position);
        if (!actual.equals(expected)) {
          EntryQuery all = q.withPage(1, 10_000);
          List<Long> want = positions(EntryQueries.page(hits, all));
          List<Long> got = positions(index.search(all, position));
          List<String> missing = new ArrayList<>();
          for (EntryHit h : hits) {
            if (want.contains(h.position()) != got.contains(h.position())) {
              missing.add((want.contains(h.position()) ? "missing " : "extra ") + h.entry().message());
            }
          }
          throw new AssertionError(String.format(
              "seed=%d (replay: -Dscribe.test.seed=%d), query #%d: %s; total %d vs %d; differing: %s",
              seed, seed, k, q, expected.total(), actual.total(), missing)
              .replace("\n", "\\n").replace("\u0003", "\\u0003"));
        }
        assertThat(actual).isEqualTo(expected);
        if (!actual.entries().isEmpty()) nonEmpty++;
      }
      assertThat(nonEmpty).as("seed=%d: queries with results (a vacuous run proves nothing)", seed).isGreaterThan(QUERIES / 10);
    } finally {
      index.close();
    }
  }
}
