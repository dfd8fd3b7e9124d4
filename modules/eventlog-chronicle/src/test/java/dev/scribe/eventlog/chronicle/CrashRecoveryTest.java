package dev.scribe.eventlog.chronicle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.tck.SequentialIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: a child JVM appends with the {@code batch} policy and reports every acknowledged
 * batch; the parent SIGKILLs it after a seeded-random number of acknowledgements, reopens the log
 * and checks that every acknowledged event is there with its payload, that positions are gap- and
 * duplicate-free, that the chain verifies and that appending continues. Ten trials share one
 * directory, so recovery also runs on logs that already survived crashes.
 *
 * <p>{@code -Dscribe.crash.trials=N} (default 20) and {@code -Dscribe.crash.seed=S} change the
 * run; the benchmark figure in BENCHMARKS.md comes from {@code -Dscribe.crash.trials=1000}.
 */
class CrashRecoveryTest {
  private static final int TRIALS = Integer.getInteger("scribe.crash.trials", 20);
  private static final long SEED = Long.getLong("scribe.crash.seed", 20261124L);
  private static final int TRIALS_PER_DIRECTORY = 10;

  @TempDir Path temp;

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void every_acknowledged_event_survives_sigkill() throws Exception {
    long checked = 0;
    long distinct = 0;
    long started = System.nanoTime();
    Map<Long, String> acknowledged = new HashMap<>();
    Path dir = null;
    for (int trial = 0; trial < TRIALS; trial++) {
      if (trial % TRIALS_PER_DIRECTORY == 0) {
        distinct += acknowledged.size();
        dir = temp.resolve("log-" + trial);
        acknowledged.clear();
      }
      long seed = SEED + trial;
      String context = "trial " + trial + " (seed " + seed + ", dir " + dir + ")";
      int killAfter = new Random(seed).nextInt(800);
      acknowledged.putAll(runChildAndKill(dir, trial, killAfter, context));
      checked += check(dir, acknowledged, context);
    }
    distinct += acknowledged.size();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "CRASH-TRIALS trials=%d acknowledged-events=%d event-checks=%d failures=0 seconds=%.1f"
            + " seed=%d%n",
        TRIALS, distinct, checked, seconds, SEED);
  }

  /** Runs the child until it acknowledged {@code killAfter} batches, SIGKILLs it, returns acks. */
  private Map<Long, String> runChildAndKill(Path dir, int run, int killAfter, String context)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // Start fast (C1 only, serial GC): the child lives a second or two, and startup dominates.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(chronicleFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashChild.class.getName());
    command.add(dir.toString());
    command.add("3");
    command.add(Integer.toString(run));
    Files.createDirectories(dir);
    Process child =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".stderr").toFile()))
            .start();
    Map<Long, String> acks = new HashMap<>();
    int seen = 0;
    boolean killed = false;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ERR")) throw new AssertionError(context + ": child failed: " + line);
        if (line.startsWith("READY") && killAfter == 0 && !killed) {
          sigkill(child);
          killed = true;
        }
        if (!line.startsWith("ACK ") || !line.endsWith(" END")) continue; // a torn last line
        String[] f = line.split(" ");
        long first = Long.parseLong(f[1]);
        long last = Long.parseLong(f[2]);
        int thread = Integer.parseInt(f[3]);
        long seq = Long.parseLong(f[4]);
        assertThat(last - first + 1).as(context).isEqualTo(CrashChild.batchSize(seq));
        for (long p = first; p <= last; p++) {
          acks.put(p, CrashChild.payload(run, thread, seq, (int) (p - first)));
        }
        if (++seen >= killAfter && !killed) {
          sigkill(child);
          killed = true;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(context + ": child ended").isTrue();
    assertThat(killed).as(context + ": child stopped before it was killed, exit " + child.exitValue()).isTrue();
    return acks;
  }

  /**
   * {@code kill -9}: unlike {@link Process#destroyForcibly()} it leaves our end of the child's
   * stdout open, so acknowledgements already in the pipe are still read.
   */
  private static void sigkill(Process child) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
    if (kill.waitFor() != 0) child.destroyForcibly();
  }

  /** Reopens the log and checks everything; returns how many acknowledged events were checked. */
  private long check(Path dir, Map<Long, String> acknowledged, String context) {
    try (ChronicleEventLog log =
        ChronicleEventLog.open(TestLogs.config(dir), Clock.systemUTC(), new SequentialIds("parent-" + context.hashCode()))) {
      long last = log.lastPosition();
      Set<String> payloads = new HashSet<>();
      long expected = 1;
      long next = 1;
      while (next <= last) {
        List<StoredEvent> page = log.readForward(next, 4096);
        assertThat(page).as(context + ": events from " + next).isNotEmpty();
        for (StoredEvent e : page) {
          assertThat(e.position()).as(context + ": gap-free positions").isEqualTo(expected++);
          String text = new String(e.payload(), UTF_8);
          assertThat(payloads.add(text)).as(context + ": duplicate payload " + text).isTrue();
          String ack = acknowledged.get(e.position());
          if (ack != null) assertThat(text).as(context + ": payload at " + e.position()).isEqualTo(ack);
        }
        next = expected;
      }
      for (long p : acknowledged.keySet()) {
        assertThat(p).as(context + ": acknowledged position missing after the crash").isLessThanOrEqualTo(last);
      }
      VerifyReport report = ChronicleLogVerifier.verify(dir);
      assertThat(report.damage()).as(context + ": verify").isEmpty();
      assertThat(report.lastPosition()).as(context + ": verify end").isEqualTo(last);
      long appended = log.append(AppendRequest.of(TestLogs.event("parent", "after " + context))).firstPosition();
      assertThat(appended).as(context + ": append continues").isEqualTo(last + 1);
      acknowledged.put(appended, "after " + context);
    }
    return acknowledged.size();
  }

  /** The Chronicle flags this (surefire) JVM was started with, for the child. */
  private static List<String> chronicleFlags() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access")
          || arg.startsWith("--sun-misc") || arg.startsWith("-Dchronicle.")) {
        flags.add(arg);
      }
    }
    if (flags.stream().noneMatch(f -> f.startsWith("-Dchronicle.analytics.disable"))) {
      flags.add("-Dchronicle.analytics.disable=true");
    }
    return flags;
  }
}
