package dev.scribe.benchmarks;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import dev.scribe.eventlog.chronicle.FsyncPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The same targets as {@link EventLogBenchmarks}, measured by hand so each run also reports the
 * CPU time the single writer thread spent per event and append latency percentiles
 * (HdrHistogram). On a shared 2-core machine wall-clock throughput swings with other load; the
 * writer's CPU per event does not, and 1 / that is the rate an idle core would sustain.
 *
 * <p>{@code EventLogHarness [events] [phase...]} (default 1,000,000 per append run; phases {@code
 * none batch serial replay}, default all). Besides the writer thread it reports the CPU of the
 * client threads and of the whole process per event, since on 2 cores they compete.
 */
public final class EventLogHarness {
  private EventLogHarness() {}

  /** CPU time of the client threads of the current run (each adds its own as it ends). */
  private static final java.util.concurrent.atomic.AtomicLong CLIENT_CPU =
      new java.util.concurrent.atomic.AtomicLong();

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    java.util.Set<String> phases =
        args.length > 1
            ? java.util.Set.of(java.util.Arrays.copyOfRange(args, 1, args.length))
            : java.util.Set.of("none", "batch", "serial", "replay");
    AppendRequest[] requests = Payloads.requests(1024);
    if (phases.contains("none")) {
      pipelined("none   pipelined, 1 client, 4096 in flight", FsyncPolicy.none(), requests, events, 1, 4096);
    }
    if (phases.contains("batch")) {
      pipelined("batch  group commit, 4 clients x 1024 in flight", FsyncPolicy.batch(), requests, events, 4, 1024);
    }
    if (phases.contains("serial")) serial("batch  serial client, per-event sync", requests, 20_000);
    if (phases.contains("replay")) replay(requests, events);
  }

  private static ChronicleEventLog open(Path dir, FsyncPolicy policy) {
    return ChronicleEventLog.open(
        ChronicleLogConfig.defaults(dir)
            .withFsync(policy)
            .withSnapshotEveryEvents(Long.MAX_VALUE / 2)
            // -Dscribe.bench.pretouch=0 measures the writer without the pretouch thread
            .withPretouchBytes(
                Long.getLong("scribe.bench.pretouch", ChronicleLogConfig.DEFAULT_PRETOUCH)),
        Clock.systemUTC(),
        Payloads.ids());
  }

  private static void pipelined(
      String name, FsyncPolicy policy, AppendRequest[] requests, int events, int clients, int window)
      throws Exception {
    Path dir = Payloads.tempDir("scribe-harness");
    try (ChronicleEventLog log = open(dir, policy)) {
      run(log, requests, Math.min(events, 200_000), clients, window, new Histogram(3)); // warm-up
      Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      long cpu0 = writerCpu();
      long touch0 = threadCpu("scribe-pretouch");
      CLIENT_CPU.set(0); // the warm-up's clients have ended and added theirs
      long process0 = processCpu();
      long t0 = System.nanoTime();
      run(log, requests, events, clients, window, latency);
      long wall = System.nanoTime() - t0;
      // The client threads have ended: their CPU is summed while they run (see run()).
      report(name, events, wall, writerCpu() - cpu0, latency);
      reportOthers(
          events, CLIENT_CPU.getAndSet(0), threadCpu("scribe-pretouch") - touch0,
          processCpu() - process0);
    } finally {
      Payloads.deleteRecursively(dir);
    }
  }

  private static void run(
      ChronicleEventLog log, AppendRequest[] requests, int events, int clients, int window,
      Histogram latency) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    Histogram[] mine = new Histogram[clients];
    for (int c = 0; c < clients; c++) {
      int client = c;
      mine[c] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      Thread t =
          new Thread(
              () -> {
                CompletableFuture<?>[] ring = new CompletableFuture<?>[window];
                long[] sent = new long[window];
                for (int i = 0; i < events / clients; i++) {
                  int slot = i % window;
                  if (ring[slot] != null) {
                    ring[slot].join();
                    mine[client].recordValue(Math.max(1, System.nanoTime() - sent[slot]));
                  }
                  sent[slot] = System.nanoTime();
                  ring[slot] = log.appendAsync(requests[i & 1023]);
                }
                for (CompletableFuture<?> f : ring) if (f != null) f.join();
                CLIENT_CPU.addAndGet(
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
              },
              "harness-client-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    for (Histogram h : mine) latency.add(h);
  }

  private static void serial(String name, AppendRequest[] requests, int events) {
    Path dir = Payloads.tempDir("scribe-harness");
    try (ChronicleEventLog log = open(dir, FsyncPolicy.batch())) {
      for (int i = 0; i < 2_000; i++) log.append(requests[i & 1023]);
      Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      long cpu0 = writerCpu();
      long t0 = System.nanoTime();
      for (int i = 0; i < events; i++) {
        long s = System.nanoTime();
        log.append(requests[i & 1023]);
        latency.recordValue(System.nanoTime() - s);
      }
      report(name, events, System.nanoTime() - t0, writerCpu() - cpu0, latency);
    } finally {
      Payloads.deleteRecursively(dir);
    }
  }

  private static void replay(AppendRequest[] requests, int events) throws Exception {
    Path dir = Payloads.tempDir("scribe-harness");
    try {
      try (ChronicleEventLog log = open(dir, FsyncPolicy.none())) {
        run(log, requests, events, 1, 4096, new Histogram(3));
      }
      try (ChronicleEventLog log = open(dir, FsyncPolicy.none())) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
          long cpu0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          long[] n = {0};
          log.forEach(1, e -> n[0] += e.payload().length > 0 ? 1 : 0);
          long wall = System.nanoTime() - t0;
          long cpu = mx.getCurrentThreadCpuTime() - cpu0;
          System.out.printf(
              "replay (read + decode) run %d: %,d events, %,.0f events/s wall, %.2f us CPU/event"
                  + " (%,.0f events/s per busy core)%n",
              round, n[0], n[0] / (wall / 1e9), cpu / 1e3 / n[0], n[0] / (cpu / 1e9));
        }
      }
    } finally {
      Payloads.deleteRecursively(dir);
    }
  }

  private static void report(String name, int events, long wallNanos, long writerCpuNanos, Histogram h) {
    lastWallNanos = wallNanos;
    System.out.printf(
        "%s: %,d events, %,.0f events/s wall; writer thread %.2f us CPU/event (%,.0f events/s per"
            + " busy core); latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        name, events, events / (wallNanos / 1e9), writerCpuNanos / 1e3 / events,
        events / (writerCpuNanos / 1e9), h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
  }

  private static void reportOthers(
      int events, long clientCpuNanos, long pretouchCpuNanos, long processCpuNanos) {
    System.out.printf(
        "    client threads %.2f us CPU/event; pretouch thread %.2f us CPU/event; whole process"
            + " %.2f us CPU/event (%.2f of 2 cores busy on average, incl. GC and JIT)%n",
        clientCpuNanos / 1e3 / events, pretouchCpuNanos / 1e3 / events,
        processCpuNanos / 1e3 / events,
        (double) processCpuNanos / lastWallNanos);
  }

  private static long lastWallNanos = 1;

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long writerCpu() {
    return threadCpu("scribe-appender");
  }

  private static long threadCpu(String name) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (ThreadInfo ti : mx.dumpAllThreads(false, false)) {
      if (ti.getThreadName().equals(name)) return mx.getThreadCpuTime(ti.getThreadId());
    }
    return 0;
  }
}
