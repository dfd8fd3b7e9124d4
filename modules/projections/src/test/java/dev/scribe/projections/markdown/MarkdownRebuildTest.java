package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.Projection;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.RunnerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * For seeded random histories (projects in shared repositories, entries of every log type with tee
 * copies and messages full of newlines, pipes and backslashes, imported lines with ids, rotations
 * decided from the view's own segments, deletions, a legacy file in the way): the files the view
 * writes live — through a crash after a checkpoint and a restart — equal, byte for byte, the files
 * a sequential in-memory rendering of the log gives, and equal the files a rebuild from position 0
 * writes. Every archive verifies. The seed is in every failure message ({@code
 * -Dscribe.test.seed=N} replays one).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MarkdownRebuildTest {
  private static final EventCodec CODEC = new EventCodec();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String[] PIECES = {
    "a", "b", "fix", " ", "|", " | ", "\n", "\r\n", "\\", "\\n", "é", "🙂", "=", "; ", "[x]", "k=v"
  };

  @TempDir Path tmp;

  @Test
  void live_through_a_crash_equals_a_sequential_rendering_and_a_rebuild() throws Exception {
    String fixed = System.getProperty("scribe.test.seed", "");
    long root = fixed.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
    int runs = fixed.isEmpty() ? 4 : 1;
    for (int i = 0; i < runs; i++) {
      long seed = root + i;
      try {
        check(seed, tmp.resolve("run-" + i));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + " failed (replay: -Dscribe.test.seed=" + seed + ")", e);
      }
    }
  }

  private void check(long seed, Path dir) throws Exception {
    String why = "seed=" + seed;
    Random rnd = new Random(seed);
    Path repos = dir.resolve("repos");
    AtomicLong ids = new AtomicLong();
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    MemoryLogFiles memory = new MemoryLogFiles();
    MarkdownView mirror = new MarkdownView(memory);
    mirror.open(Files.createDirectories(dir.resolve("mirror-state")));
    History h = new History(rnd, repos, mirror);

    // A legacy file where the first project's progress log goes: moved aside, never clobbered.
    Path legacy = repos.resolve("r0/.scribe/docs/dev_plans/p0/PROGRESS_LOG.md");
    Files.createDirectories(legacy.getParent());
    Files.writeString(legacy, "# Progress Log (Python)\n[ℹ️] [2025-01-01 00:00:00 UTC] old\n");
    memory.put(legacy.toString(), Files.readString(legacy));

    RunnerConfig config = new RunnerConfig(dir.resolve("state"), 1 + rnd.nextInt(30), Duration.ofMillis(5 + rnd.nextInt(40)));
    try (InMemoryEventLog log = InMemoryEventLog.create(clock, () -> "ev-" + ids.incrementAndGet())) {
      int total = 150 + rnd.nextInt(250);
      int mid = total / 2;
      int crashAt = mid + (total - mid) / 2;

      Crashable first = new Crashable(MarkdownView.onDisk());
      ProjectionRunner r1 = ProjectionRunner.over(log, CODEC, config);
      try {
        r1.register(first);
        r1.start();
        h.append(log, mid);
        assertThat(r1.awaitApplied(MarkdownView.NAME, log.lastPosition(), WAIT)).as(why).isTrue();
        assertThat(r1.checkpointNow(MarkdownView.NAME)).as(why).isTrue();
        first.crashed = true;
        h.append(log, crashAt - mid);
        assertThat(r1.awaitApplied(MarkdownView.NAME, log.lastPosition(), WAIT)).as(why).isTrue();
      } finally {
        r1.close(); // no checkpoint reaches disk after the crash
      }
      h.append(log, total - crashAt);
      long end = log.lastPosition();

      ProjectionRunner r2 = ProjectionRunner.over(log, CODEC, config);
      try {
        MarkdownView restarted = r2.register(MarkdownView.onDisk());
        r2.start();
        assertThat(r2.awaitApplied(MarkdownView.NAME, end, WAIT)).as(why).isTrue();
        SortedMap<String, String> live = snapshot(repos);
        assertThat(diff(live, strings(memory.files()))).as("restarted view vs sequential rendering, " + why).isEmpty();
        assertThat(live.get(legacy.toString().replace("PROGRESS_LOG.md", "PROGRESS_LOG.pre-scribe.md")))
            .as(why).startsWith("# Progress Log (Python)");
        for (String p : List.of("p0", "p1")) {
          for (String t : List.of("progress", "bugs", "global")) {
            assertThat(restarted.current(p, t)).as(why).isEqualTo(mirror.current(p, t));
          }
        }

        r2.rebuild(MarkdownView.NAME);
        assertThat(r2.awaitApplied(MarkdownView.NAME, end, WAIT)).as(why).isTrue();
        assertThat(diff(snapshot(repos), live)).as("rebuilt vs live, " + why).isEmpty();
        assertThat(r2.status(MarkdownView.NAME).failureIfAny()).as(why).isEmpty();

        RotationVerifier.Report report =
            RotationVerifier.verify(h.history, new DiskLogFiles());
        assertThat(report.findings()).as(why).hasSize(h.rotations.size());
        assertThat(report.damaged()).as(why).isEmpty();
      } finally {
        r2.close();
      }
    }
  }

  /** Generates and appends the history, deciding rotations from the mirror's segments. */
  private static final class History {
    final Random rnd;
    final Path repos;
    final MarkdownView mirror;
    final List<String> projects = new ArrayList<>();
    final Set<String> deleted = new HashSet<>();
    final List<LogRotated> rotations = new ArrayList<>();
    final List<ScribeEvent> history = new ArrayList<>();
    int archivesMade;
    long mirrored;
    int seq;

    History(Random rnd, Path repos, MarkdownView mirror) {
      this.rnd = rnd;
      this.repos = repos;
      this.mirror = mirror;
    }

    void append(InMemoryEventLog log, int batches) throws IOException {
      for (int i = 0; i < batches; i++) {
        List<Map.Entry<String, ScribeEvent>> batch = next();
        if (batch.isEmpty()) continue;
        for (var e : batch) if (!(e.getValue() instanceof EntryAppended)) history.add(e.getValue());
        List<dev.scribe.eventlog.NewEvent> out = new ArrayList<>();
        for (var e : batch) out.add(CODEC.toNew(e.getValue(), e.getKey(), "s", "x"));
        log.append(AppendRequest.of(out));
        long[] last = {mirrored};
        log.forEach(mirrored + 1, s -> {
          try {
            mirror.apply(CODEC.toRecorded(s));
          } catch (IOException ex) {
            throw new IllegalStateException(ex);
          }
          last[0] = s.position();
        });
        mirrored = last[0];
      }
    }

    private List<Map.Entry<String, ScribeEvent>> next() {
      if (projects.size() < 2 || (projects.size() < 4 && rnd.nextInt(25) == 0)) {
        String name = "p" + projects.size();
        Path root = repos.resolve("r" + (projects.size() % 2));
        Path docs = root.resolve(".scribe/docs/dev_plans").resolve(name);
        projects.add(name);
        return List.of(Map.entry(Streams.PROJECTS, Events.registration(name, root, docs)));
      }
      String project = projects.get(rnd.nextInt(projects.size()));
      int dice = rnd.nextInt(100);
      if (dice < 4 && !project.equals("p0") && !project.equals("p1")) {
        if (deleted.add(project)) {
          Path root = repos.resolve("r" + (projects.indexOf(project) % 2));
          ProjectDeleted d =
              rnd.nextBoolean()
                  ? new ProjectDeleted(project, "permanent", null)
                  : new ProjectDeleted(project, "archive",
                      root.resolve(".scribe/archived_projects/" + project + "_" + (++archivesMade)).toString());
          return List.of(Map.entry(Streams.PROJECTS, d));
        }
        deleted.remove(project);
        Path root = repos.resolve("r" + (projects.indexOf(project) % 2));
        return List.of(Map.entry(Streams.PROJECTS,
            Events.registration(project, root, root.resolve(".scribe/docs/dev_plans").resolve(project))));
      }
      if (dice < 12) {
        String type = List.of("progress", "bugs", "security", "doc_updates", "global").get(rnd.nextInt(5));
        Segment s = mirror.current(project, type).orElse(null);
        if (s == null || s.entryCount() == 0) return List.of();
        String archive =
            rnd.nextBoolean()
                ? RotationPlanner.manualArchivePath(s.logPath(), rnd.nextBoolean() ? "archive" : "my suffix!", Instant.ofEpochSecond(1_700_000_000L + seq), mirror::pathTaken)
                : RotationPlanner.autoArchivePath(s.logPath(), Instant.ofEpochSecond(1_700_000_000L + seq), mirror::pathTaken);
        LogRotated r = RotationPlanner.rotation(s, "rot-" + (++seq), archive);
        rotations.add(r);
        return List.of(Map.entry(Streams.project(project), r));
      }
      List<Map.Entry<String, ScribeEvent>> out = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) out.add(Map.entry(Streams.project(project), entry(project)));
      return out;
    }

    private EntryAppended entry(String project) {
      String[] types = {"progress", "progress", "progress", "bugs", "security", "doc_updates", "global", "tool_logs"};
      String type = types[rnd.nextInt(types.length)];
      List<String> tees = new ArrayList<>();
      if (!type.equals("progress") && rnd.nextBoolean()) tees.add("progress");
      if (rnd.nextInt(5) == 0) tees.add(rnd.nextBoolean() ? "bugs" : "security");
      StringBuilder m = new StringBuilder();
      for (int i = 0, len = 1 + rnd.nextInt(8); i < len; i++) m.append(PIECES[rnd.nextInt(PIECES.length)]);
      List<MetaPair> meta = new ArrayList<>();
      if (rnd.nextBoolean()) meta.add(new MetaPair("k" + rnd.nextInt(3), "v" + rnd.nextInt(100)));
      meta.add(new MetaPair("log_type", type));
      String id = rnd.nextInt(6) == 0 ? String.format("%032x", rnd.nextLong() & Long.MAX_VALUE) : null;
      return Events.entryEvent(project, "id" + rnd.nextLong(), m.toString(), type, tees.stream().distinct().toList(), meta, id);
    }
  }

  /** A view whose checkpoints stop reaching disk once it has "crashed". */
  private static final class Crashable implements Projection {
    final MarkdownView inner;
    volatile boolean crashed;

    Crashable(MarkdownView inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Checkpoint open(Path directory) throws IOException {
      return inner.open(directory);
    }

    @Override
    public void apply(RecordedEvent event) throws IOException {
      inner.apply(event);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) throws IOException {
      if (!crashed) inner.checkpoint(checkpoint);
    }

    @Override
    public void reset() throws IOException {
      inner.reset();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }

  private static SortedMap<String, String> snapshot(Path dir) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) return out;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) out.put(p.toString(), Files.readString(p, UTF_8));
    }
    return out;
  }

  /** The paths whose content differs (or that only one side has), for a readable failure. */
  private static List<String> diff(SortedMap<String, String> a, SortedMap<String, String> b) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (x == null) out.add("only in expected: " + k);
      else if (y == null) out.add("only in actual: " + k);
      else if (!x.equals(y)) out.add("differs: " + k + "\n--- actual\n" + x + "\n--- expected\n" + y);
    }
    return out;
  }

  private static SortedMap<String, String> strings(SortedMap<String, byte[]> files) {
    SortedMap<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, new String(v, UTF_8)));
    return out;
  }

  @Test
  void every_piece_of_a_random_message_survives_rendering_and_parsing() {
    // Guards the test's alphabet: whatever a message holds, its line parses back to it.
    for (String p : PIECES) {
      String line = new MarkdownLine("ℹ️", "t", "A", "P", null, "x" + p + "y", List.of()).render();
      assertThat(MarkdownLine.unescapeMessage(MarkdownLine.parse(line).orElseThrow().message()))
          .as(Arrays.toString(p.toCharArray())).isEqualTo("x" + p + "y");
    }
  }
}
