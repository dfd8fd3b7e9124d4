package dev.scribe.benchmarks;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event codec on the two events every append_entry writes: its {@code EntryAppended} (≈0.5 KiB)
 * and the call's {@code ToolInvoked} record. Encoding runs once per event on the tool thread;
 * decoding once per event for all projections (they share the decoded event).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CodecBenchmarks {
  private final EventCodec codec = new EventCodec();
  private final ScribeEvent entry = codec.decode(stored(Payloads.entry(7)));
  private final ScribeEvent call =
      new ToolInvoked(
          "append_entry",
          "{\"message\":\"Ran the event-log tests: all green\",\"status\":\"success\","
              + "\"meta\":{\"component\":\"sessions\",\"phase\":\"perf\"}}",
          "ok",
          null,
          812);
  private final StoredEvent storedEntry = stored(codec.toNew(entry, "project-x", "s", "e"));
  private final StoredEvent storedCall = stored(codec.toNew(call, "calls-s", "s", "e"));

  private static StoredEvent stored(NewEvent e) {
    return RecordFormat.seal(
        e,
        new Placement(1, 1, "evt-1", Instant.EPOCH, "", RecordFormat.GENESIS_HASH),
        RecordFormat.sha256());
  }

  @Benchmark
  public byte[] encodeEntry() {
    return codec.encode(entry);
  }

  @Benchmark
  public byte[] encodeToolInvoked() {
    return codec.encode(call);
  }

  @Benchmark
  public ScribeEvent decodeEntry() {
    return codec.decode(storedEntry);
  }

  @Benchmark
  public ScribeEvent decodeToolInvoked() {
    return codec.decode(storedCall);
  }
}
