package dev.scribe.benchmarks;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import dev.scribe.eventlog.chronicle.FsyncPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The event log's throughput targets. Every operation is one append of one ≈0.5 KiB EntryAppended
 * event (or, for replay, one event read and decoded), so ops/s = events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms2g", "-Xmx2g", "-Dchronicle.analytics.disable=true",
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED"
    })
public class EventLogBenchmarks {

  /** A log in a temp directory. */
  public abstract static class LogState {
    ChronicleEventLog log;
    Path dir;
    AppendRequest[] requests = Payloads.requests(1024);

    abstract String fsync();

    @Setup(Level.Trial)
    public void open() {
      dir = Payloads.tempDir("scribe-bench-append");
      log =
          ChronicleEventLog.open(
              ChronicleLogConfig.defaults(dir)
                  .withFsync(FsyncPolicy.parse(fsync()))
                  .withSnapshotEveryEvents(Long.MAX_VALUE / 2),
              Clock.systemUTC(),
              Payloads.ids());
    }

    @TearDown(Level.Trial)
    public void close() {
      log.close();
      Payloads.deleteRecursively(dir);
    }
  }

  /** The `none` policy log. */
  @State(Scope.Benchmark)
  public static class NoneLog extends LogState {
    @Override
    String fsync() {
      return "none";
    }
  }

  /**
   * One client thread's appends in flight: each operation submits an append and, once {@code
   * window} are outstanding, waits for the oldest — so the client models {@code window}
   * concurrent appenders without a thread each (2 cores).
   */
  @State(Scope.Thread)
  public static class InFlight {
    @Param({"1024"})
    public int window;

    CompletableFuture<?>[] ring;
    long next;

    @Setup(Level.Iteration)
    public void setUp() {
      ring = new CompletableFuture<?>[window];
    }

    @TearDown(Level.Iteration)
    public void drain() {
      for (CompletableFuture<?> f : ring) if (f != null) f.join();
    }
  }

  /** Target: `none` ≥ 1,000,000 events/s, one writer. */
  @Benchmark
  @Threads(1)
  public void appendPipelined(NoneLog s, InFlight w) {
    int slot = (int) (w.next % w.window);
    CompletableFuture<?> old = w.ring[slot];
    if (old != null) old.join();
    w.ring[slot] = s.log.appendAsync(s.requests[slot & 1023]);
    w.next++;
  }

  /** Target: `batch` group commit ≥ 200,000 events/s with many concurrent appenders. */
  @Benchmark
  @Threads(4)
  public void appendGroupCommit(BatchLog s, InFlight w) {
    int slot = (int) (w.next % w.window);
    CompletableFuture<?> old = w.ring[slot];
    if (old != null) old.join();
    w.ring[slot] = s.log.appendAsync(s.requests[slot & 1023]);
    w.next++;
  }

  /** Target: per-event sync from one serial client ≥ 5,000 events/s. */
  @Benchmark
  @Threads(1)
  public AppendResult appendSerialSynced(BatchLog s) {
    return s.log.append(s.requests[(int) (s.counter.getAndIncrement() & 1023)]);
  }

  /** The `batch` policy log (group commit, the default). */
  @State(Scope.Benchmark)
  public static class BatchLog extends LogState {
    final AtomicLong counter = new AtomicLong();

    @Override
    String fsync() {
      return "batch";
    }
  }

  /** A log of {@link #EVENTS} events written once per trial, replayed from position 1. */
  @State(Scope.Benchmark)
  public static class FullLog {
    static final int EVENTS = 1_000_000;
    ChronicleEventLog log;
    Path dir;

    @Setup(Level.Trial)
    public void fill() {
      dir = Payloads.tempDir("scribe-bench-replay");
      ChronicleLogConfig config = ChronicleLogConfig.defaults(dir).withFsync(FsyncPolicy.none());
      AppendRequest[] requests = Payloads.requests(1024);
      try (ChronicleEventLog w = ChronicleEventLog.open(config, Clock.systemUTC(), Payloads.ids())) {
        CompletableFuture<?> last = null;
        for (int i = 0; i < EVENTS; i++) last = w.appendAsync(requests[i & 1023]);
        last.join();
      }
      log = ChronicleEventLog.open(config, Clock.systemUTC(), Payloads.ids());
    }

    @TearDown(Level.Trial)
    public void close() {
      log.close();
      Payloads.deleteRecursively(dir);
    }
  }

  /** Target: replay (read + decode to StoredEvent) ≥ 2,000,000 events/s. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(FullLog.EVENTS)
  public long replay(FullLog s, Blackhole bh) {
    return s.log.forEach(1, bh::consume);
  }
}
