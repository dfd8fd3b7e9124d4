package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.ReadFileFailed;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** read_file through a real MCP client, in both modes (B70-B79). */
@Timeout(120)
class ReadFileToolTest {
  @TempDir Path dir;
  ScribeTestServer server;
  Path repo;
  McpTestClient c;

  @BeforeEach
  void start() throws Exception {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    repo = repo(dir, "repo");
    Files.createDirectories(repo.resolve("src"));
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 450; i++) sb.append("line ").append(i).append('\n');
    Files.writeString(repo.resolve("src/a.py"), sb.toString());
    c = sentinel(server, repo);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ToolReply read(Map<String, Object> args) {
    return c.call("read_file", args);
  }

  @Test
  void b70_scan_only_by_default() {
    ToolReply r = read(Map.of("path", "src/a.py"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/mode").asText()).isEqualTo("scan_only");
    assertThat(r.at("/scan/repo_relative_path").asText()).isEqualTo("src/a.py");
    assertThat(r.at("/scan/absolute_path").asText()).isEqualTo(repo.resolve("src/a.py").toString());
    assertThat(r.at("/scan/line_count").asLong()).isEqualTo(450);
    assertThat(r.at("/scan/newline_type").asText()).isEqualTo("LF");
    assertThat(r.at("/scan/encoding").asText()).isEqualTo("utf-8");
    assertThat(r.at("/scan/estimated_chunk_count").asLong()).isEqualTo(3);
    assertThat(r.at("/scan/sha256").asText()).hasSize(64);
    assertThat(r.structured().has("chunks")).isFalse();
  }

  @Test
  void b71_chunks_and_full_stream() {
    ToolReply c0 = read(Map.of("path", "src/a.py", "mode", "chunk"));
    assertThat(c0.at("/chunks/0/line_start").asLong()).isEqualTo(1);
    assertThat(c0.at("/chunks/0/line_end").asLong()).isEqualTo(200);
    assertThat(c0.at("/chunks/0/byte_start").asLong()).isZero();
    ToolReply two = read(Map.of("path", "src/a.py", "mode", "chunk", "chunk_index", List.of(2, 0)));
    assertThat(two.at("/chunks/0/chunk_index").asInt()).isZero();
    assertThat(two.at("/chunks/1/chunk_index").asInt()).isEqualTo(2);
    assertThat(two.at("/chunks/1/line_start").asLong()).isEqualTo(401);
    assertThat(two.at("/chunks/1/line_end").asLong()).isEqualTo(450);
    ToolReply fs = read(Map.of("path", "src/a.py", "mode", "full_stream", "max_chunks", 2));
    assertThat(fs.at("/chunks").size()).isEqualTo(2);
    assertThat(fs.at("/next_chunk_index").asInt()).isEqualTo(2);
    ToolReply end = read(Map.of("path", "src/a.py", "mode", "FULL_STREAM", "start_chunk", 2, "max_chunks", 5));
    assertThat(end.at("/chunks").size()).isEqualTo(1);
    assertThat(end.at("/chunks/0/chunk_index").asInt()).isEqualTo(2);
    assertThat(end.at("/next_chunk_index").isNull()).isTrue();
  }

  @Test
  void b72_line_ranges_and_pages() {
    ToolReply r = read(Map.of("path", "src/a.py", "mode", "line_range", "start_line", 3, "end_line", 5));
    assertThat(r.at("/chunk/content").asText()).isEqualTo("line 3\nline 4\nline 5\n");
    assertThat(r.at("/chunk/byte_start").asLong()).isEqualTo("line 1\nline 2\n".length());
    assertThat(read(Map.of("path", "src/a.py", "mode", "line_range", "start_line", 5, "end_line", 3)).errorMessage())
        .isEqualTo("invalid line range");
    assertThat(read(Map.of("path", "src/a.py", "mode", "line_range")).errorMessage())
        .isEqualTo("start_line and end_line required for line_range");
    ToolReply tail = read(Map.of("path", "src/a.py", "mode", "line_range", "start_line", 449, "end_line", 460));
    assertThat(tail.at("/chunk/line_start").asLong()).isEqualTo(449);
    assertThat(tail.at("/chunk/line_end").asLong()).isEqualTo(450);
    ToolReply page = read(Map.of("path", "src/a.py", "mode", "page", "page_number", 2));
    assertThat(page.at("/chunk/line_start").asLong()).isEqualTo(51);
    assertThat(page.at("/chunk/line_end").asLong()).isEqualTo(100);
    assertThat(page.at("/page_size").asInt()).isEqualTo(50);
    assertThat(read(Map.of("path", "src/a.py", "mode", "page")).errorMessage())
        .isEqualTo("page_number required for page mode");
  }

  @Test
  void b73_b74_search_caps_context_and_invalid_regex() throws Exception {
    Files.writeString(repo.resolve("n.txt"), "needle\n".repeat(225));
    ToolReply r = read(Map.of("path", "n.txt", "mode", "search", "search", "needle"));
    assertThat(r.at("/matches").size()).isEqualTo(200);
    assertThat(r.at("/max_matches").asInt()).isEqualTo(200);
    assertThat(r.at("/total_matches").asInt()).isEqualTo(225);
    assertThat(r.at("/matches_truncated").asBoolean()).isTrue();
    assertThat(r.at("/reminders").isArray()).isTrue();

    ToolReply bad = read(Map.of("path", "n.txt", "mode", "search", "search", "(", "search_mode", "regex"));
    assertThat(bad.isError()).isTrue();
    assertThat(bad.errorCode()).isEqualTo("invalid_regex");
    assertThat(bad.at("/details").asText()).startsWith("invalid regex: ");
    assertThat(server.events(ReadFileFailed.class)).singleElement()
        .satisfies(f -> assertThat(f.error()).isEqualTo("invalid regex"));

    Files.writeString(repo.resolve("ctx.txt"), "a\nfoo\nb\n");
    ToolReply ctx = read(Map.of("path", "ctx.txt", "mode", "search", "search", "foo", "context_lines", 1));
    assertThat(ctx.at("/matches/0/context").toString()).isEqualTo("[\"a\",\"foo\",\"b\"]");
    assertThat(ctx.at("/matches/0/context_start").asInt()).isEqualTo(1);
    assertThat(ctx.at("/matches/0/context_end").asInt()).isEqualTo(3);
    ToolReply smart = read(Map.of("path", "ctx.txt", "mode", "search", "search", "^f.o$", "search_mode", "smart"));
    assertThat(smart.at("/search_mode_resolved").asText()).isEqualTo("regex");
    assertThat(smart.at("/matches/0/line_number").asInt()).isEqualTo(2);
  }

  @Test
  void b75_b76_path_policy_denies_by_component_and_logs_violations() throws Exception {
    Files.writeString(repo.resolve(".env"), "SECRET=1");
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".git/config"), "[core]");
    Files.createDirectories(dir.resolve("sibling"));
    Files.writeString(dir.resolve("sibling/x"), "x");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "x");
    Files.createSymbolicLink(repo.resolve("link.txt"), outside);
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/system_design.md"), "# design\n");
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put(".env", "denylist_match");
    expected.put(".git/config", "denylist_match");
    expected.put("/etc/hostname", "denylist_match");
    expected.put(outside.toString(), "absolute_path_not_allowlisted");
    expected.put("../sibling/x", "absolute_path_not_allowlisted");
    expected.put("link.txt", "absolute_path_not_allowlisted");
    expected.put("src/../../sibling/x", "absolute_path_not_allowlisted");
    for (var e : expected.entrySet()) {
      ToolReply r = read(Map.of("path", e.getKey()));
      assertThat(r.errorCode()).as(e.getKey()).isEqualTo("read_file_denied");
      assertThat(r.errorMessage()).as(e.getKey()).startsWith("read_file denied");
      assertThat(r.at("/reason").asText()).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(server.events(ScopeViolation.class)).extracting(ScopeViolation::reason)
        .containsExactlyElementsOf(expected.values());
    assertThat(server.events(ScopeViolation.class)).extracting(ScopeViolation::path)
        .containsExactlyElementsOf(expected.keySet());

    ToolReply missing = read(Map.of("path", "nope.txt"));
    assertThat(missing.errorCode()).isEqualTo("not_found");
    assertThat(missing.errorMessage()).isEqualTo("file not found: nope.txt");
    assertThat(missing.at("/repo_relative_path").asText()).isEqualTo("nope.txt");
    assertThat(missing.at("/absolute_path").asText()).isEqualTo(repo.resolve("nope.txt").toString());

    ToolReply allowed = read(Map.of("path", "docs/system_design.md"));
    assertThat(allowed.ok()).as(allowed.toString()).isTrue();
    assertThat(server.events(FileRead.class)).hasSize(1);
    awaitFiles(server);
    assertThat(jsonl(dayDir(repo).resolve("sentinel.jsonl"))).extracting(j -> j.path("event_type").asText())
        .containsExactly("scope_violation", "scope_violation", "scope_violation", "scope_violation",
            "scope_violation", "scope_violation", "scope_violation", "read_file_error", "read_file");
  }

  @Test
  void b77_read_mode_pages_through_the_whole_file() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) sb.append("x".repeat(199)).append('\n'); // 600 000 bytes, 15 chunks of 200 lines
    Files.writeString(repo.resolve("big.txt"), sb.toString());
    StringBuilder back = new StringBuilder();
    Integer next = 0;
    int answers = 0;
    while (next != null) {
      ToolReply r = read(Map.of("path", "big.txt", "mode", "read", "start_chunk", next));
      assertThat(r.ok()).as(r.toString()).isTrue();
      answers++;
      for (JsonNode ch : r.at("/chunks")) back.append(ch.path("content").asText());
      next = r.at("/next_chunk_index").isNull() ? null : r.at("/next_chunk_index").asInt();
    }
    assertThat(back.toString()).isEqualTo(sb.toString());
    assertThat(answers).isEqualTo(3); // 256 KiB per answer: 6 + 6 + 3 chunks of 40 000 bytes
    ToolReply capped = read(Map.of("path", "big.txt", "mode", "read", "max_bytes", 131072));
    assertThat(capped.at("/chunks").size()).isEqualTo(3);
    assertThat(capped.at("/next_chunk_index").asInt()).isEqualTo(3);
    assertThat(read(Map.of("path", "big.txt", "mode", "bogus")).errorMessage()).isEqualTo("Unsupported read mode 'bogus'");
  }

  @Test
  void b78_every_successful_read_is_one_provenance_event_then_its_markdown_line() throws Exception {
    ToolReply r = c.call("read_file", Map.of("path", "src/a.py", "mode", "chunk", "chunk_index", 1, "agent", "Codex"));
    assertThat(r.ok()).isTrue();
    RecordedEvent e = server.events().stream().filter(x -> x.event() instanceof FileRead).findFirst().orElseThrow();
    FileRead f = (FileRead) e.event();
    assertThat(e.stream()).isEqualTo(Streams.sentinelDay(repoId(repo), DAY));
    assertThat(e.sessionId()).isEqualTo(c.sessionId());
    assertThat(f.readMode()).isEqualTo("chunk");
    assertThat(f.rangeJson()).isEqualTo("{\"chunk_index\":[1]}");
    assertThat(f.agent()).isEqualTo("Codex");
    assertThat(f.project()).isNull();
    awaitFiles(server);
    JsonNode j = jsonl(dayDir(repo).resolve("sentinel.jsonl")).get(0);
    assertThat(j.path("event_type").asText()).isEqualTo("read_file");
    JsonNode d = j.path("data");
    assertThat(d.path("read_mode").asText()).isEqualTo("chunk");
    assertThat(d.path("chunk_index").toString()).isEqualTo("[1]");
    assertThat(d.path("sha256").asText()).isEqualTo(f.sha256());
    assertThat(d.path("execution_id").asText()).isEqualTo(e.executionId());
    assertThat(d.path("session_id").asText()).isEqualTo(c.sessionId());
    assertThat(d.path("agent_display_name").asText()).isEqualTo("Codex");
    assertThat(d.path("agent_instance_id").asText()).isEqualTo(c.sessionId());
    List<String> md = lines(dayDir(repo).resolve("SENTINEL_LOG.md"));
    assertThat(md).singleElement().asString().contains("[event:read_file]").endsWith("tool:read_file chunk src/a.py");
  }

  @Test
  void b79_front_matter_is_returned_and_stripped_from_chunk_zero() throws Exception {
    Files.writeString(repo.resolve("fm.md"), "---\ntitle: x\n---\nbody1\nbody2\n");
    ToolReply r = read(Map.of("path", "fm.md", "mode", "chunk"));
    assertThat(r.at("/frontmatter").toString()).isEqualTo("{\"title\":\"x\"}");
    assertThat(r.at("/has_frontmatter").asBoolean()).isTrue();
    assertThat(r.at("/frontmatter_line_count").asInt()).isEqualTo(3);
    assertThat(r.at("/chunks/0/content").asText()).isEqualTo("body1\nbody2\n");
    assertThat(r.at("/chunks/0/frontmatter_stripped").asBoolean()).isTrue();
    assertThat(r.at("/chunks/0/original_line_end").asInt()).isEqualTo(5);
  }

  @Test
  void project_mode_reads_resolve_against_the_bound_project_and_go_to_its_stream() throws Exception {
    Path proj = repo(dir, "proj");
    Files.writeString(proj.resolve("README.md"), "hello\n");
    McpTestClient p = server.client();
    ToolReply unbound = p.call("read_file", Map.of("path", "README.md"));
    assertThat(unbound.errorCode()).isEqualTo("no_project_bound");
    ToolReply bound = p.call("set_project", Map.of("name", "alpha", "root", proj.toString()));
    assertThat(bound.ok()).as(bound.toString()).isTrue();
    ToolReply r = p.call("read_file", Map.of("path", "README.md", "agent", "Claude"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/scan/absolute_path").asText()).isEqualTo(proj.resolve("README.md").toString());
    RecordedEvent e = server.events().stream().filter(x -> x.event() instanceof FileRead).findFirst().orElseThrow();
    assertThat(e.stream()).isEqualTo(Streams.project("alpha"));
    assertThat(((FileRead) e.event()).project()).isEqualTo("alpha");
    // the read shows in the project's view: a provenance line in its progress log
    assertThat(server.server().projections().awaitApplied(
        dev.scribe.projections.markdown.MarkdownView.NAME, server.log().lastPosition(), java.time.Duration.ofSeconds(60))).isTrue();
    Path progress;
    try (var files = Files.walk(proj)) {
      progress = files.filter(f -> f.getFileName().toString().equals("PROGRESS_LOG.md")).findFirst().orElseThrow();
    }
    FileRead read = (FileRead) e.event();
    assertThat(Files.readAllLines(progress)).contains(
        "[📖] [2026-03-01 09:00:00 UTC] [Agent: Claude] [Project: alpha] read_file scan_only README.md | absolute_path="
            + proj.resolve("README.md") + "; byte_size=6; encoding=utf-8; estimated_chunk_count=1; execution_id="
            + e.executionId() + "; line_count=1; newline_type=LF; read_mode=scan_only; repo_relative_path=README.md;"
            + " session_id=" + p.sessionId() + "; sha256=" + read.sha256() + "; log_type=progress; content_type=log");
    // the sentinel session's repository is not the project's: the same relative path is another file
    assertThat(read(Map.of("path", "README.md")).errorCode()).isEqualTo("not_found");
    ToolReply denied = p.call("read_file", Map.of("path", ".env"));
    assertThat(denied.errorCode()).isEqualTo("read_file_denied");
    RecordedEvent v = server.events().stream().filter(x -> x.event() instanceof ScopeViolation).findFirst().orElseThrow();
    assertThat(v.stream()).isEqualTo(Streams.calls(p.sessionId()));
    assertThat(((ScopeViolation) v.event()).mode()).isEqualTo("project");
  }
}
