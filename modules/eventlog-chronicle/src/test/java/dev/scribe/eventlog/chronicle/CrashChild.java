package dev.scribe.eventlog.chronicle;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.NewEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashRecoveryTest} kills: appends batches from several threads with the
 * {@code batch} policy until killed, printing one line per acknowledged batch ({@code ACK first
 * last thread seq END}) and flushing it, so the parent knows exactly what was acknowledged.
 * Usage: {@code CrashChild <dir> <threads> <run>}.
 */
public final class CrashChild {
  private CrashChild() {}

  /** The payload of event {@code k} of batch {@code seq} of writer {@code thread}. */
  static String payload(int run, int thread, long seq, int k) {
    return "{\"run\":" + run + ",\"writer\":" + thread + ",\"seq\":" + seq + ",\"k\":" + k
        + ",\"message\":\"crash-test entry\"}";
  }

  /** Batch {@code seq} has 1..3 events. */
  static int batchSize(long seq) {
    return 1 + (int) (seq % 3);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int run = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, UTF_8);
    AtomicLong ids = new AtomicLong();
    String prefix = "p" + ProcessHandle.current().pid() + "-";
    ChronicleEventLog log =
        ChronicleEventLog.open(
            ChronicleLogConfig.defaults(dir).withWriteLockTimeout(Duration.ofMillis(100)),
            Clock.systemUTC(),
            () -> prefix + ids.incrementAndGet());
    synchronized (out) {
      out.println("READY " + log.lastPosition());
      out.flush();
    }
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                for (long seq = 0; ; seq++) {
                  List<NewEvent> events = new ArrayList<>();
                  for (int k = 0; k < batchSize(seq); k++) {
                    events.add(
                        new NewEvent(
                            "CrashEvent", 1, "writer-" + thread, "s", "x",
                            payload(run, thread, seq, k).getBytes(UTF_8)));
                  }
                  AppendResult r;
                  try {
                    r = log.append(AppendRequest.of(events));
                  } catch (RuntimeException e) {
                    synchronized (out) {
                      out.println("ERR " + e);
                      out.flush();
                    }
                    return;
                  }
                  synchronized (out) {
                    out.println("ACK " + r.firstPosition() + " " + r.lastPosition() + " " + thread
                        + " " + seq + " END");
                    out.flush();
                  }
                }
              },
              "crash-writer-" + t);
      w.start();
      writers.add(w);
    }
    for (Thread w : writers) w.join();
  }
}
