package dev.scribe.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server process seen from outside (Linux /proc, and jcmd for a JVM): CPU time in total and
 * by thread, resident memory, and a JVM's used heap after a forced full GC. A pid of 0 or less
 * means "unknown": every figure is then 0 or empty.
 */
final class ServerProcess {
  /** Linux USER_HZ: /proc/PID/stat counts utime and stime in these ticks. */
  static final long CLOCK_TICKS = 100;

  private static final Pattern HEAP_USED =
      Pattern.compile("(?:garbage-first heap|def new generation|PSYoungGen|ZHeap|Shenandoah)[^\\n]*?used (\\d+)K");

  private final long pid;

  ServerProcess(long pid) {
    this.pid = pid;
  }

  boolean known() {
    return pid > 0;
  }

  /** utime + stime (fields 14 and 15 of /proc/PID/stat) in ticks. */
  long cpuTicks() throws IOException {
    if (pid <= 0) return 0;
    return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  private static long ticks(String stat) {
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Each thread's "tid name" (digits in the name folded to N) and its CPU ticks. */
  Map<String, Long> threadTicks() {
    Map<String, Long> out = new HashMap<>();
    if (pid <= 0) return out;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          out.put(t.getFileName() + " " + name.replaceAll("[0-9]+", "N"), ticks(stat));
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to report
    }
    return out;
  }

  /** CPU per call by thread group between two {@link #threadTicks()} samples, largest first. */
  static String threadCpuPerCall(Map<String, Long> start, Map<String, Long> end, long calls) {
    Map<String, Long> byGroup = new TreeMap<>();
    for (var e : end.entrySet()) {
      long d = e.getValue() - start.getOrDefault(e.getKey(), 0L);
      byGroup.merge(e.getKey().substring(e.getKey().indexOf(' ') + 1), d, Long::sum);
    }
    StringBuilder b = new StringBuilder("server CPU per call by thread (us; Linux cuts names at 15 chars):");
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .forEach(e -> b.append(String.format(Locale.ROOT, "%n  %7.1f  %s",
            e.getValue() * 1e6 / CLOCK_TICKS / calls, e.getKey())));
    return b.toString();
  }

  /** Resident set size in bytes (VmRSS of /proc/PID/status). */
  long rssBytes() throws IOException {
    if (pid <= 0) return 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  /**
   * A JVM server's used heap in bytes right after {@code jcmd PID GC.run} (a full collection),
   * read from {@code jcmd PID GC.heap_info}; -1 when jcmd fails (e.g. the server is not a JVM).
   */
  long heapUsedAfterGc() {
    // jcmd attaches with SIGQUIT, which kills a process that is not a JVM (node exits on it).
    if (pid <= 0 || !isJvm()) return -1;
    try {
      if (jcmd("GC.run") == null) return -1;
      String info = jcmd("GC.heap_info");
      if (info == null) return -1;
      long kb = heapUsedKb(info);
      return kb < 0 ? -1 : kb * 1024;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private boolean isJvm() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).getFileName().toString().equals("java");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path bin = javaHome.resolve("bin/jcmd");
    Process p = new ProcessBuilder(Files.isExecutable(bin) ? bin.toString() : "jcmd", Long.toString(pid), command)
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
    return out;
  }

  /** The parser of {@link #heapUsedAfterGc()}, for a test. */
  static long heapUsedKb(String heapInfo) {
    Matcher m = HEAP_USED.matcher(heapInfo);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
