package dev.scribe.server.tools.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.projections.sentinel.SentinelFilesProjection;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared steps of the sentinel tests: a repository, sentinel sessions, the daily files. */
final class SentinelFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DAY = "2026-03-01"; // ScribeTestServer.START

  private SentinelFixture() {}

  static Path repo(Path dir, String name) throws IOException {
    return Files.createDirectories(dir.resolve(name)).toRealPath();
  }

  /** A new session in sentinel mode on {@code repo}. */
  static McpTestClient sentinel(ScribeTestServer server, Path repo) {
    McpTestClient c = server.client();
    ToolReply r = c.call("set_mode", Map.of("mode", "sentinel", "repo_root", repo.toString()));
    assertThat(r.ok()).as(r.toString()).isTrue();
    return c;
  }

  static String repoId(Path repo) {
    return RepoIds.of(repo.toString());
  }

  /** Waits until the sentinel files have applied the whole log. */
  static void awaitFiles(ScribeTestServer server) {
    try {
      assertThat(server.server().projections().awaitApplied(
          SentinelFilesProjection.NAME, server.log().lastPosition(), Duration.ofSeconds(60))).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Path dayDir(Path repo) {
    return repo.resolve(".scribe/sentinel/" + DAY);
  }

  static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) return List.of();
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static List<JsonNode> jsonl(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines(file)) out.add(JSON.readTree(l));
    return out;
  }
}
