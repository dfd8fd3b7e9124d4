package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.projections.sentinel.CasesView;
import dev.scribe.projections.sentinel.SentinelFilesProjection;
import dev.scribe.search.SentinelIndex;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every sentinel projection rebuilt from the log equals the live one; a restart adds nothing. */
@Timeout(180)
class SentinelRebuildTest {
  @TempDir Path dir;

  static Map<String, byte[]> files(Path repo) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    Path base = repo.resolve(".scribe/sentinel");
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) out.put(base.relativize(p).toString(), Files.readAllBytes(p));
    }
    return out;
  }

  void rebuild(ScribeTestServer server, String name) throws Exception {
    server.server().projections().rebuild(name);
    assertThat(server.server().projections().awaitApplied(name, server.log().lastPosition(), Duration.ofSeconds(60))).isTrue();
  }

  @Test
  void rebuild_equals_live_and_a_restart_writes_no_line_twice() throws Exception {
    try (ScribeTestServer server = ScribeTestServer.chronicle(dir.resolve("data"))) {
      Path repo = repo(dir, "repo");
      Files.writeString(repo.resolve("a.txt"), "hello\n");
      McpTestClient c = sentinel(server, repo);
      c.call("append_event", Map.of("message", "one\ntwo"));
      String id = c.call("open_bug", Map.of("title", "crash")).at("/case_id").asText();
      c.call("link_fix", Map.of("case_id", id, "execution_id", "e", "artifact_ref", "pr", "landing_status", "verified"));
      c.call("read_file", Map.of("path", "a.txt", "mode", "search", "search", "hell"));
      c.call("read_file", Map.of("path", ".env"));
      c.call("open_security", Map.of("title", "leak"));
      String cases = c.call("list_cases", Map.of()).structured().toString();
      String query = c.call("query_entries", Map.of("page_size", 100)).at("/entries").toString();
      awaitFiles(server);
      Map<String, byte[]> live = files(repo);
      assertThat(live).containsKeys(DAY + "/sentinel.jsonl", DAY + "/bug.jsonl", DAY + "/security.jsonl", DAY + "/SENTINEL_LOG.md");

      for (String name : List.of(SentinelFilesProjection.NAME, CasesView.NAME, SentinelIndex.NAME)) rebuild(server, name);
      Map<String, byte[]> rebuilt = files(repo);
      assertThat(rebuilt).containsOnlyKeys(live.keySet());
      live.forEach((k, v) -> assertThat(rebuilt.get(k)).as(k).isEqualTo(v));
      assertThat(c.call("list_cases", Map.of()).structured().toString()).isEqualTo(cases);
      assertThat(c.call("query_entries", Map.of("page_size", 100)).at("/entries").toString()).isEqualTo(query);

      server.restart();
      c.call("append_event", Map.of("message", "after restart"));
      awaitFiles(server);
      List<String> lines = lines(dayDir(repo).resolve("sentinel.jsonl"));
      assertThat(lines).doesNotHaveDuplicates();
      assertThat(lines).hasSize(new String(live.get(DAY + "/sentinel.jsonl")).split("\n").length + 1);
      assertThat(c.call("list_cases", Map.of()).structured().toString()).isEqualTo(cases);
    }
  }
}
