package dev.scribe.projections.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.sentinel.CaseStreams;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.projections.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily sentinel files: rebuild equals live, a crash after the checkpoint, foreign files. */
class SentinelFilesProjectionTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");
  @TempDir Path tmp;
  Path repo;
  String repoId;
  String day = "2026-03-01";
  final List<RecordedEvent> events = new ArrayList<>();
  final Map<String, Long> versions = new TreeMap<>();

  @BeforeEach
  void setUp() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
    repoId = RepoIds.of(repo.toString());
    String sday = Streams.sentinelDay(repoId, day);
    add(sday, new SentinelEventAppended(repo.toString(), repoId, day, "info", "tool:append_event", "Codex",
        List.of("alpha"), "{\"message\":\"a\\nb | c\",\"n\":1.10}", null));
    add(CaseStreams.numbers(repoId, dev.scribe.domain.sentinel.CaseKind.BUG, day),
        new CaseOpened("BUG-2026-03-01-0001", "bug", repo.toString(), repoId, day, "crash", "boom", List.of("src/a"), "high"));
    add(CaseStreams.of(repoId, "BUG-2026-03-01-0001"), new FixLinked("BUG-2026-03-01-0001", "e1", "pr 1", "verified"));
    add(sday, new FileRead("chunk", repo + "/src/a", "src/a", 10, 2, "0".repeat(64), "LF", "utf-8", 1,
        "{\"chunk_index\":[0]}", "", null, repo.toString()));
    add(sday, new ScopeViolation("rotate_log", "tool_not_allowed_in_sentinel_mode", "sentinel", null, repo.toString()));
    add(CaseStreams.numbers(repoId, dev.scribe.domain.sentinel.CaseKind.SECURITY, day),
        new CaseOpened("SEC-2026-03-01-0001", "security", repo.toString(), repoId, day, "leak", "", List.of(), null));
    add(CaseStreams.of(repoId, "BUG-2026-03-01-0001"), new CaseClosed("BUG-2026-03-01-0001", "race"));
    // a project-mode read has no sentinel line
    add(Streams.project("alpha"), new FileRead("scan_only", repo + "/x", "x", 1, 1, "1".repeat(64), "LF", "utf-8", 1,
        "{}", "", "alpha", repo.toString()));
  }

  private void add(String stream, ScribeEvent e) {
    long v = versions.merge(stream, 1L, Long::sum);
    int n = events.size() + 1;
    events.add(new RecordedEvent(n, stream, v, "s1", "x" + n, T0.plusSeconds(n), e));
  }

  private Map<String, byte[]> files() throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    Path base = repo.resolve(".scribe/sentinel");
    if (!Files.exists(base)) return out;
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) out.put(base.relativize(p).toString(), Files.readAllBytes(p));
    }
    return out;
  }

  private Map<String, String> text() throws IOException {
    Map<String, String> out = new TreeMap<>();
    files().forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void lines_per_file_then_rebuild_writes_the_same_bytes() throws Exception {
    SentinelFilesProjection p = new SentinelFilesProjection();
    Path dir = Files.createDirectories(tmp.resolve("proj"));
    assertThat(p.open(dir)).isEqualTo(Checkpoint.NONE);
    for (RecordedEvent e : events) p.apply(e);
    p.checkpoint(Checkpoint.at(events.size()));
    Map<String, String> live = text();
    assertThat(live.keySet()).containsExactly(
        day + "/SENTINEL_LOG.md", day + "/bug.jsonl", day + "/security.jsonl", day + "/sentinel.jsonl");
    assertThat(live.get(day + "/sentinel.jsonl").lines()).hasSize(3);
    assertThat(live.get(day + "/bug.jsonl").lines()).extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("{\"event_type\": \"bug_opened\"", "{\"event_type\": \"bug_fix_linked\"", "{\"event_type\": \"bug_closed\"");
    assertThat(live.get(day + "/SENTINEL_LOG.md").lines()).hasSize(7).first().asString()
        .isEqualTo("[2026-03-01T09:00:01.123456+00:00] [exec:x1] [event:info] [agent:s1] tool:append_event a\\nb | c");
    assertThat(live.get(day + "/sentinel.jsonl").lines().findFirst().orElseThrow())
        .contains("\"data\": {\"message\": \"a\\nb | c\", \"n\": 1.10}")
        .contains("\"agent_identity\": {\"agent_kind\": \"other\", \"model\": null, \"instance_id\": \"s1\", \"sub_id\": null, \"display_name\": \"Codex\"}");

    Map<String, byte[]> before = files();
    p.reset();
    assertThat(files()).isEmpty();
    for (RecordedEvent e : events) p.apply(e);
    p.checkpoint(Checkpoint.at(events.size()));
    p.close();
    Map<String, byte[]> rebuilt = files();
    assertThat(rebuilt).containsOnlyKeys(before.keySet());
    before.forEach((k, v) -> assertThat(rebuilt.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void a_crash_after_the_checkpoint_is_rolled_back_and_replayed_exactly_once() throws Exception {
    SentinelFilesProjection whole = new SentinelFilesProjection();
    whole.open(Files.createDirectories(tmp.resolve("whole")));
    for (RecordedEvent e : events) whole.apply(e);
    whole.close();
    Map<String, byte[]> expected = files();
    for (Path p : List.of(repo.resolve(".scribe"))) deleteTree(p);

    Path dir = Files.createDirectories(tmp.resolve("proj"));
    SentinelFilesProjection first = new SentinelFilesProjection();
    first.open(dir);
    for (RecordedEvent e : events.subList(0, 2)) first.apply(e);
    first.checkpoint(Checkpoint.at(2));
    for (RecordedEvent e : events.subList(2, 6)) first.apply(e); // written, never checkpointed: the process dies
    // (no close: a crash)
    SentinelFilesProjection second = new SentinelFilesProjection();
    Checkpoint cp = second.open(dir);
    assertThat(cp.position()).isEqualTo(2);
    assertThat(text().get(day + "/sentinel.jsonl").lines()).hasSize(1);
    assertThat(text()).doesNotContainKey(day + "/security.jsonl"); // created after the checkpoint: deleted
    for (RecordedEvent e : events.subList(2, events.size())) second.apply(e);
    second.checkpoint(Checkpoint.at(events.size()));
    second.close();
    Map<String, byte[]> replayed = files();
    assertThat(replayed).containsOnlyKeys(expected.keySet());
    expected.forEach((k, v) -> assertThat(replayed.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void a_file_this_projection_did_not_write_is_moved_aside_not_clobbered() throws Exception {
    Path d = Files.createDirectories(repo.resolve(".scribe/sentinel/" + day));
    Files.writeString(d.resolve("sentinel.jsonl"), "{\"from\": \"python\"}\n");
    SentinelFilesProjection p = new SentinelFilesProjection();
    p.open(Files.createDirectories(tmp.resolve("proj")));
    p.apply(events.get(0));
    p.close();
    assertThat(Files.readString(d.resolve("sentinel.pre-scribe.jsonl"))).isEqualTo("{\"from\": \"python\"}\n");
    assertThat(Files.readAllLines(d.resolve("sentinel.jsonl"))).hasSize(1);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }
}
