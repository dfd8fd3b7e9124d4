package dev.scribe.benchmarks;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import dev.scribe.eventlog.chronicle.ChronicleLogVerifier;
import dev.scribe.eventlog.chronicle.FsyncPolicy;
import dev.scribe.eventlog.chronicle.RecoveryReport;
import dev.scribe.eventlog.chronicle.VerifyReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The open-time target: {@code generate DIR N} writes N events (policy none, then a clean close
 * that leaves the index snapshot); {@code open DIR} times open + tail verification + close in a
 * fresh JVM; {@code append-and-halt DIR N} adds N events and stops without closing (as a crash
 * would, leaving an N-event tail after the snapshot); {@code verify DIR} times the full chain walk ({@code scribe verify}).
 */
public final class OpenVerifyMain {
  private OpenVerifyMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    ChronicleLogConfig config = ChronicleLogConfig.defaults(dir).withFsync(FsyncPolicy.none());
    long t0 = System.nanoTime();
    switch (args[0]) {
      case "generate" -> {
        long n = Long.parseLong(args[2]);
        AppendRequest[] requests = Payloads.requests(1024);
        try (ChronicleEventLog log = ChronicleEventLog.open(config, Clock.systemUTC(), Payloads.ids())) {
          CompletableFuture<?>[] ring = new CompletableFuture<?>[4096];
          for (long i = 0; i < n; i++) {
            int slot = (int) (i & 4095);
            if (ring[slot] != null) ring[slot].join();
            ring[slot] = log.appendAsync(requests[(int) (i & 1023)]);
          }
          for (CompletableFuture<?> f : ring) if (f != null) f.join();
          System.out.printf("generated %d events in %.1f s%n", n, secs(t0));
        }
        System.out.printf("closed (snapshot written) after %.1f s%n", secs(t0));
      }
      case "append-and-halt" -> {
        // The worst case after a crash: a snapshot that is N events old (N < the snapshot
        // interval), so the next open replays and verifies N events.
        long n = Long.parseLong(args[2]);
        AppendRequest[] requests = Payloads.requests(1024);
        ChronicleEventLog log =
            ChronicleEventLog.open(
                config.withSnapshotEveryEvents(Long.MAX_VALUE / 2), Clock.systemUTC(), Payloads.ids());
        CompletableFuture<?>[] ring = new CompletableFuture<?>[4096];
        for (long i = 0; i < n; i++) {
          int slot = (int) (i & 4095);
          if (ring[slot] != null) ring[slot].join();
          ring[slot] = log.appendAsync(requests[(int) (i & 1023)]);
        }
        for (CompletableFuture<?> f : ring) if (f != null) f.join();
        System.out.printf("appended %d events without a snapshot; halting (no close)%n", n);
        System.out.flush();
        Runtime.getRuntime().halt(0);
      }
      case "open" -> {
        RecoveryReport r;
        long last;
        try (ChronicleEventLog log = ChronicleEventLog.open(config, Clock.systemUTC(), Payloads.ids())) {
          r = log.recovery();
          last = log.lastPosition();
          System.out.printf(
              "OPEN lastPosition=%d snapshotUsed=%s eventsVerified=%d open=%.3f s wall,"
                  + " %.3f s CPU (whole JVM, incl. start-up)%n",
              last, r.snapshotUsed(), r.eventsVerified(), secs(t0), cpuSeconds());
        }
        System.out.printf("open+close=%.3f s%n", secs(t0));
      }
      case "verify" -> {
        VerifyReport r = ChronicleLogVerifier.verify(dir);
        System.out.printf(
            "VERIFY intact=%s events=%d time=%.1f s wall (%.0f events/s), %.1f s CPU%n",
            r.intact(), r.eventsVerified(), secs(t0), r.eventsVerified() / secs(t0), cpuSeconds());
      }
      default -> throw new IllegalArgumentException("generate DIR N | append-and-halt DIR N | open DIR | verify DIR");
    }
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
