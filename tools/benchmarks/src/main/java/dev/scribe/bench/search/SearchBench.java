package dev.scribe.bench.search;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.MessageMatch;
import dev.scribe.domain.query.MessageMode;
import dev.scribe.domain.query.SortOrder;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.RunnerConfig;
import dev.scribe.search.EntryIndex;
import dev.scribe.search.IndexConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Search figures for BENCHMARKS.md ("Search"), measured with HdrHistogram.
 *
 * <ol>
 *   <li><b>Rebuild</b>: N entries (plus one non-entry event in 10) in an in-memory event log; the
 *       entry index registered with a {@link ProjectionRunner} replays it from position 0 (decode
 *       + apply + paced commits + background refresh), timed until it has applied the last
 *       position and a searcher covers it. Also: the index alone ({@code apply} of pre-decoded
 *       events, the runner's checkpoint cadence).
 *   <li><b>Queries</b> over the rebuilt index, through {@link EntryIndex#search} (count + top-N +
 *       loading and decoding the page), each class warmed up then measured.
 *   <li><b>Freshness</b>: the time from {@code apply} of a new entry until the background refresh
 *       makes it searchable (no reader forcing a refresh).
 * </ol>
 *
 * {@code SearchBench [entries] [queries-per-class]} (defaults 1,000,000 and 1,000).
 */
public final class SearchBench {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private SearchBench() {}

  private static double load() {
    return OS.getSystemLoadAverage();
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int perClass = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    String mode = args.length > 2 ? args[2] : "all";
    System.out.printf("SearchBench: %,d entries, %d queries per class; JDK %s, %d cpus, max heap %d MB%n",
        n, perClass, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    Path dir = Files.createTempDirectory("scribe-search-bench");
    try {
      if (mode.equals("all")) calibrate(dir.resolve("calibrate"));
      if (mode.equals("all") || mode.equals("apply")) applyOnly(n, dir.resolve("apply"));
      EntryIndex index = runnerRebuild(n, dir.resolve("runner"));
      try {
        if (mode.equals("rebuild")) return;
        queries(index, n, perClass);
        freshness(index, n);
      } finally {
        index.close();
      }
    } finally {
      delete(dir);
    }
  }

  // ---- calibration ---------------------------------------------------------------------------

  /**
   * The machine's state right now: reference/stack.md §3's indexing probe (StringFields, a time
   * point + doc value, a 12-31-word StandardAnalyzer text field) measured 98.7k docs/s
   * single-threaded on this machine type when idle. The same shape here tells how much slower the
   * shared machine is during this run.
   */
  private static void calibrate(Path dir) throws IOException {
    Random r = new Random(5);
    SearchData data = new SearchData(3);
    int n = 200_000;
    List<org.apache.lucene.document.Document> docs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
      for (String f : new String[] {"session", "project", "agent", "status", "emoji", "meta.model", "meta.branch"}) {
        d.add(new org.apache.lucene.document.StringField(f, f + r.nextInt(50), org.apache.lucene.document.Field.Store.NO));
      }
      d.add(new org.apache.lucene.document.LongPoint("ts", i));
      d.add(new org.apache.lucene.document.NumericDocValuesField("ts", i));
      d.add(new org.apache.lucene.document.StoredField("ts", i));
      d.add(new org.apache.lucene.document.TextField("message", data.message(r), org.apache.lucene.document.Field.Store.NO));
      docs.add(d);
    }
    try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
        org.apache.lucene.index.IndexWriter w =
            new org.apache.lucene.index.IndexWriter(
                d, new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.standard.StandardAnalyzer())
                    .setRAMBufferSizeMB(128))) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (org.apache.lucene.document.Document doc : docs) w.addDocument(doc);
      w.commit();
      long wall = System.nanoTime() - t0;
      long cpu = THREADS.getCurrentThreadCpuTime() - c0;
      System.out.printf("calibration (stack.md §3 probe schema, 200k docs): %,.0f docs/s wall, %.1f us CPU/doc"
              + " (load %.1f); idle reference 98.7k docs/s (~10 us/doc)%n",
          n / (wall / 1e9), cpu / 1e3 / n, load());
    }
  }

  // ---- rebuild -------------------------------------------------------------------------------

  private static void applyOnly(int n, Path dir) throws IOException {
    SearchData data = new SearchData(1);
    long g0 = System.nanoTime();
    List<EntryAppended> entries = new ArrayList<>(Math.min(n, 200_000));
    for (int i = 0; i < Math.min(n, 200_000); i++) entries.add(data.entry(i));
    long genPerEntry = (System.nanoTime() - g0) / entries.size();
    EntryIndex index = new EntryIndex();
    index.open(dir);
    long p0 = OS.getProcessCpuTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      EntryAppended e = i < entries.size() ? entries.get(i) : data.entry(i);
      index.apply(new RecordedEvent(i + 1, "project-" + e.project(), 1, "s", "", Instant.EPOCH, e));
      if ((i + 1) % 1000 == 0) index.checkpoint(Checkpoint.at(i + 1));
    }
    index.checkpoint(Checkpoint.at(n));
    index.awaitSearchable(n);
    long wall = System.nanoTime() - t0;
    long applyCpu = THREADS.getCurrentThreadCpuTime() - c0;
    long processCpu = OS.getProcessCpuTime() - p0;
    index.close();
    System.out.printf("rebuild (index only, pre-decoded events): %,d entries in %.1f s wall = %,.0f entries/s"
            + " (load %.1f); CPU per entry: applying thread %.1f us, whole process %.1f us"
            + " (entry generation ~%d ns each, included beyond the first 200k); index %s%n",
        n, wall / 1e9, n / (wall / 1e9), load(), applyCpu / 1e3 / n, processCpu / 1e3 / n, genPerEntry, size(dir));
  }

  private static EntryIndex runnerRebuild(int n, Path dir) throws Exception {
    EventCodec codec = new EventCodec();
    AtomicLong ids = new AtomicLong();
    InMemoryEventLog log =
        InMemoryEventLog.create(Clock.systemUTC(), () -> Long.toString(ids.incrementAndGet()));
    SearchData data = new SearchData(1);
    long a0 = System.nanoTime();
    List<NewEvent> batch = new ArrayList<>(1000);
    int entries = 0;
    while (entries < n) {
      for (int k = 0; k < 1000 && entries < n; k++) {
        if (k % 10 == 9) {
          batch.add(codec.toNew(new dev.scribe.domain.events.SessionClosed("s", "idle"), Streams.session("s"), "s", ""));
        } else {
          EntryAppended e = data.entry(entries++);
          batch.add(codec.toNew(e, Streams.project(e.project()), "s", ""));
        }
      }
      log.append(AppendRequest.of(batch));
      batch.clear();
    }
    long last = log.lastPosition();
    System.out.printf("log: %,d events (%,d entries) appended in memory in %.1f s%n",
        last, n, (System.nanoTime() - a0) / 1e9);
    EntryIndex index = new EntryIndex(IndexConfig.defaults(), log::lastPosition);
    ProjectionRunner runner = ProjectionRunner.over(log, codec, RunnerConfig.defaults(dir));
    runner.register(index);
    long p0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    runner.start();
    if (!runner.awaitApplied(EntryIndex.NAME, last, Duration.ofMinutes(30))) {
      throw new IllegalStateException("rebuild did not finish");
    }
    index.awaitSearchable(last);
    long wall = System.nanoTime() - t0;
    long processCpu = OS.getProcessCpuTime() - p0;
    long tailCpu = 0;
    for (long id : THREADS.getAllThreadIds()) {
      java.lang.management.ThreadInfo ti = THREADS.getThreadInfo(id);
      if (ti != null && ti.getThreadName().startsWith("scribe-tail-projection-")) tailCpu += THREADS.getThreadCpuTime(id);
    }
    System.out.printf("rebuild (runner: decode + apply + commits + refresh): %,d events in %.1f s wall ="
            + " %,.0f entries/s (load %.1f); CPU: projection thread %.1f s (%.1f us/entry), whole"
            + " process %.1f s (%.1f us/entry); index %s%n",
        last, wall / 1e9, n / (wall / 1e9), load(), tailCpu / 1e9, tailCpu / 1e3 / n,
        processCpu / 1e9, processCpu / 1e3 / n, size(dir));
    System.out.println("  CPU by thread (Linux /proc; includes GC and JIT threads): " + threadCpu());
    // Keep the index open for the query phase; the runner's threads stay idle (nothing appended).
    runner.checkpointNow(EntryIndex.NAME);
    return index;
  }

  // ---- queries -------------------------------------------------------------------------------

  private static void queries(EntryIndex index, int n, int perClass) {
    SearchData data = new SearchData(1);
    long last = index.appliedPosition();
    Random r = new Random(7);
    Map<String, Function<Random, EntryQuery>> classes = new LinkedHashMap<>();
    classes.put("text+filters, top 50 newest (word rank 20-2000, project, 1/2 +status)", q -> {
      EntryQuery.Builder b = project(data, q).message(sub(data.words[20 + q.nextInt(1980)]));
      if (q.nextBoolean()) b.statuses(List.of(Status.values()[q.nextInt(6)]));
      return newest(b);
    });
    classes.put("filter-only, top 50 newest (project + status or agent)", q -> {
      EntryQuery.Builder b = project(data, q);
      if (q.nextBoolean()) b.statuses(List.of(Status.values()[q.nextInt(6)]));
      else b.agents(List.of(SearchData.AGENTS[q.nextInt(SearchData.AGENTS.length)]));
      return newest(b);
    });
    classes.put("text, common word (rank 0-19), project, top 50 newest", q ->
        newest(project(data, q).message(sub(data.words[q.nextInt(20)]))));
    classes.put("text, two-word substring of a real message, project, top 50 newest", q -> {
      String m = data.message(q);
      String[] w = m.split(" ");
      int i = q.nextInt(w.length - 1);
      return newest(project(data, q).message(sub(w[i] + " " + w[i + 1])));
    });
    classes.put("text+filters, all_projects, top 50 newest", q ->
        newest(EntryQuery.builder(EntryScope.allProjects()).message(sub(data.words[20 + q.nextInt(1980)]))
            .statuses(List.of(Status.values()[q.nextInt(6)]))));
    classes.put("text, case-sensitive (verified), project, top 50 newest", q ->
        newest(project(data, q).message(MessageMatch.of(data.words[20 + q.nextInt(1980)], MessageMode.SUBSTRING, true))));
    classes.put("regex 'word.*Foo\\d+' (literals narrow, verified), project, top 50", q ->
        newest(project(data, q).message(MessageMatch.of(data.words[20 + q.nextInt(1980)] + ".*Foo\\d+", MessageMode.REGEX, false))));
    classes.put("regex without literals '^[A-Z]\\w+ \\d{4}' (scan), project, top 50", q ->
        newest(project(data, q).message(MessageMatch.of("^[A-Z]\\w+ \\d{4}", MessageMode.REGEX, false))));
    classes.put("filter-only, default order (oldest first), page 1 of 10", q -> project(data, q).build());
    classes.put("filter-only, deep page (page 200 x 50, newest first)", q ->
        project(data, q).order(SortOrder.DESC).page(200).pageSize(50).build());
    classes.put("meta + time range (1 month), all_projects, top 50 newest", q -> {
      long from = SearchData.T0 + (long) q.nextInt(Math.max(1, n / 2)) * 30_000;
      return newest(EntryQuery.builder(EntryScope.allProjects()).meta("phase", "v" + q.nextInt(20))
          .start(Instant.ofEpochMilli(from)).end(Instant.ofEpochMilli(from + 30L * 24 * 3600_000)));
    });

    // Warm-up across all classes.
    for (int i = 0; i < 300; i++) {
      for (Function<Random, EntryQuery> f : classes.values()) index.search(f.apply(r), last);
    }
    System.out.printf("%-74s %21s  %21s %9s%n", "query (EntryIndex.search: count + top-N + page load)",
        "wall p50/p99/max ms", "thread-CPU p50/p99 ms", "avg total");
    for (Map.Entry<String, Function<Random, EntryQuery>> c : classes.entrySet()) {
      Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      Histogram cpu = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      long totals = 0;
      for (int i = 0; i < perClass; i++) {
        EntryQuery q = c.getValue().apply(r);
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        EntryPage p = index.search(q, last);
        h.recordValue(System.nanoTime() - t0);
        cpu.recordValue(Math.max(0, THREADS.getCurrentThreadCpuTime() - c0));
        totals += p.total();
      }
      System.out.printf("%-74s %6.2f %6.2f %7.2f  %10.2f %10.2f %,9d%n", c.getKey(),
          h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
          cpu.getValueAtPercentile(50) / 1e6, cpu.getValueAtPercentile(99) / 1e6, totals / perClass);
    }
  }

  private static EntryQuery.Builder project(SearchData data, Random q) {
    return EntryQuery.builder(EntryScope.project(SearchData.project(data.randomProject(q))));
  }

  private static MessageMatch sub(String text) {
    return MessageMatch.of(text, MessageMode.SUBSTRING, false);
  }

  private static EntryQuery newest(EntryQuery.Builder b) {
    return b.order(SortOrder.DESC).pageSize(50).build();
  }

  // ---- freshness -----------------------------------------------------------------------------

  private static void freshness(EntryIndex index, int n) throws IOException {
    SearchData data = new SearchData(99);
    long pos = index.appliedPosition();
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    for (int i = 0; i < 200; i++) {
      pos++;
      EntryAppended e = data.entry(n + i);
      long t0 = System.nanoTime();
      index.apply(new RecordedEvent(pos, "project-" + e.project(), 1, "s", "", Instant.EPOCH, e));
      while (index.searchablePosition() < pos) java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      h.recordValue(System.nanoTime() - t0);
      // Arrive at random phases of the 50 ms refresh timer.
      try {
        Thread.sleep(new Random(i).nextInt(60));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    System.out.printf("freshness (apply -> searchable by the background refresh, 200 entries): p50 %.1f ms, p99 %.1f ms, max %.1f ms (load %.1f)%n",
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, load());
  }

  /** CPU seconds per thread group of this process, from /proc/self/task (empty elsewhere). */
  private static String threadCpu() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) return "n/a";
    Map<String, Double> byGroup = new java.util.TreeMap<>();
    double tick = 100.0; // USER_HZ
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path t : s.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9#]+", "#");
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick;
          byGroup.merge(name, cpu, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return "n/a";
    }
    StringBuilder b = new StringBuilder();
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() >= 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> b.append(String.format("%s %.1f s; ", e.getKey(), e.getValue())));
    return b.toString();
  }

  // ---- files ---------------------------------------------------------------------------------

  private static String size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      return String.format("%.1f MB on disk", bytes / 1e6);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

}
