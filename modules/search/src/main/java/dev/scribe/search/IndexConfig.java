package dev.scribe.search;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the entry index paces itself.
 *
 * @param refreshInterval how often the background thread makes new entries searchable. Searches
 *     never depend on it (each waits for, and if needed forces, a refresh covering the log
 *     position at its start); it only bounds staleness for readers that do not wait. Every
 *     refresh flushes a small segment that merges must later absorb, so it is not set lower than
 *     needed.
 * @param minCommitInterval the least time between two Lucene commits: a checkpoint the runner asks
 *     for sooner is committed by the background thread once the interval has passed (a commit
 *     costs 30-130 ms and fsyncs the new segments; after a crash the index replays at most this
 *     much of the log)
 * @param awaitTimeout how long a search waits for the index to reach the position it must cover
 * @param ramBufferMb the writer's RAM buffer
 * @param indexThreads threads that add documents while the index catches up (1: the projection's
 *     own thread only)
 */
public record IndexConfig(
    Duration refreshInterval,
    Duration minCommitInterval,
    Duration awaitTimeout,
    double ramBufferMb,
    int indexThreads) {
  public IndexConfig {
    requireNonNull(refreshInterval, "refreshInterval");
    requireNonNull(minCommitInterval, "minCommitInterval");
    requireNonNull(awaitTimeout, "awaitTimeout");
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("refreshInterval must be positive");
    }
    if (minCommitInterval.isNegative()) throw new IllegalArgumentException("minCommitInterval < 0");
    if (ramBufferMb < 1) throw new IllegalArgumentException("ramBufferMb must be >= 1");
    if (indexThreads < 1) throw new IllegalArgumentException("indexThreads must be >= 1");
  }

  /**
   * Refresh every second, commit at most every 5 s, wait up to 10 s, 64 MB buffer, catch-up
   * indexing on as many threads as processors, at most 2.
   *
   * <p>Why a second and not less: every search already refreshes on demand when its position is
   * not covered yet, so the timer only decides how many small segments the writer cuts (and the
   * merges must absorb) under a stream of appends. At 100 ms the refreshes and their merges cost
   * a third of the server's CPU per append_entry; at 1 s append_entry ran 30-40 % faster
   * (BENCHMARKS.md, "MCP end to end").
   */
  public static IndexConfig defaults() {
    return new IndexConfig(
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), 64,
        Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  public IndexConfig withMinCommitInterval(Duration d) {
    return new IndexConfig(refreshInterval, d, awaitTimeout, ramBufferMb, indexThreads);
  }

  public IndexConfig withRefreshInterval(Duration d) {
    return new IndexConfig(d, minCommitInterval, awaitTimeout, ramBufferMb, indexThreads);
  }

  public IndexConfig withAwaitTimeout(Duration d) {
    return new IndexConfig(refreshInterval, minCommitInterval, d, ramBufferMb, indexThreads);
  }

  public IndexConfig withRamBufferMb(double mb) {
    return new IndexConfig(refreshInterval, minCommitInterval, awaitTimeout, mb, indexThreads);
  }

  public IndexConfig withIndexThreads(int threads) {
    return new IndexConfig(refreshInterval, minCommitInterval, awaitTimeout, ramBufferMb, threads);
  }
}
