package dev.scribe.server.tools.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.projections.markdown.DiskLogFiles;
import dev.scribe.projections.markdown.LogTemplates;
import dev.scribe.projections.markdown.RotationVerifier;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rotate_log} through a real MCP client (reference §3.10, B66–B69, B54). */
@Timeout(180)
class RotateLogToolTest {
  @TempDir Path dir;
  private ScribeTestServer server;
  private Path repo;

  @BeforeEach
  void start() throws Exception {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    repo = Files.createDirectories(dir.resolve("repo"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private McpTestClient bound(String project) {
    McpTestClient c = server.client();
    ToolReply r = c.call("set_project", Map.of("name", project, "root", repo.toString()));
    assertThat(r.ok()).as(r.toString()).isTrue();
    return c;
  }

  private static void append(McpTestClient c, String message) {
    ToolReply r = c.call("append_entry", Map.of("message", message, "status", "info", "auto_split", false));
    assertThat(r.ok()).as(r.toString()).isTrue();
  }

  private Path progressLog(String slug) {
    return repo.resolve(".scribe/docs/dev_plans").resolve(slug).resolve("PROGRESS_LOG.md");
  }

  @Test
  void B66_without_confirm_it_is_a_dry_run_and_the_file_is_unchanged() throws Exception {
    McpTestClient c = bound("alpha");
    append(c, "first");
    append(c, "second");
    server.server().projections().awaitAllApplied(server.log().lastPosition(), java.time.Duration.ofSeconds(30));
    byte[] before = Files.readAllBytes(progressLog("alpha"));

    ToolReply r = c.call("rotate_log");

    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/dry_run").asBoolean()).isTrue();
    assertThat(r.at("/rotation_executed").asBoolean()).isFalse();
    assertThat(r.at("/results/0/status").asText()).isEqualTo("dry_run_complete");
    assertThat(r.at("/results/0/entry_count").asLong()).isEqualTo(2);
    assertThat(r.at("/results/0/would_rotate").asBoolean()).isTrue();
    assertThat(r.at("/results/0/file_hash").asText()).isEqualTo(RotationPlanner.sha256Hex(before));
    assertThat(r.at("/entry_count_method").asText()).isNotEmpty();
    assertThat(Files.readAllBytes(progressLog("alpha"))).isEqualTo(before);
    assertThat(server.events(LogRotated.class)).isEmpty();
  }

  @Test
  void B67_a_confirmed_rotation_archives_the_log_and_starts_a_fresh_one() throws Exception {
    McpTestClient c = bound("alpha");
    append(c, "first");
    append(c, "second");
    append(c, "third");

    ToolReply r = c.call("rotate_log", Map.of("suffix", "test", "confirm", true));

    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/rotation_executed").asBoolean()).isTrue();
    Path archive = Path.of(r.at("/archived_to").asText());
    assertThat(archive.toString()).endsWith("PROGRESS_LOG.md.test.md");
    assertThat(archive).exists().isNotEmptyFile();
    String archived = Files.readString(archive, UTF_8);
    assertThat(archived).contains("] first", "] second", "] third");
    assertThat(r.at("/entry_count").asLong()).as("entries only, not header lines").isEqualTo(3);
    assertThat(r.at("/entry_count_method").asText()).isEqualTo("view_counter");
    assertThat(r.at("/sequence_number").asLong()).isEqualTo(1);
    assertThat(r.at("/archive_sha256").asText())
        .isEqualTo(RotationPlanner.sha256Hex(Files.readAllBytes(archive)));
    String fresh = Files.readString(progressLog("alpha"), UTF_8);
    assertThat(fresh).startsWith("# 📜 Progress Log — alpha\n").contains(LogTemplates.MARKER)
        .contains("**Continues from** `PROGRESS_LOG.md.test.md` (rotation 1")
        .doesNotContain("] first");

    append(c, "fourth");
    server.server().projections().awaitAllApplied(server.log().lastPosition(), java.time.Duration.ofSeconds(30));
    assertThat(Files.readString(progressLog("alpha"), UTF_8)).endsWith("] fourth | priority=low; log_type=progress; content_type=log\n");
  }

  @Test
  void B68_rotations_are_numbered_and_chained_and_verification_names_a_changed_archive() throws Exception {
    McpTestClient c = bound("alpha");
    append(c, "one");
    ToolReply first = c.call("rotate_log", Map.of("confirm", true));
    append(c, "two");
    ToolReply second = c.call("rotate_log", Map.of("confirm", true));

    assertThat(first.ok()).as(first.toString()).isTrue();
    assertThat(second.ok()).as(second.toString()).isTrue();
    assertThat(second.at("/sequence_number").asLong()).isEqualTo(first.at("/sequence_number").asLong() + 1);
    assertThat(second.at("/archive_hash").asText()).isNotEqualTo(first.at("/archive_hash").asText());
    assertThat(first.at("/archived_to").asText()).endsWith("PROGRESS_LOG.md.archive.md");
    assertThat(second.at("/archived_to").asText()).matches(".*PROGRESS_LOG\\.md\\.archive_\\d{8}_\\d{6}_\\d{3}\\.md");
    assertThat(second.at("/results/0/previous_chain_sha256").asText()).isEqualTo(first.at("/chain_sha256").asText());
    assertThat(second.at("/chain_sha256").asText())
        .isEqualTo(RotationPlanner.chainSha256(first.at("/chain_sha256").asText(), second.at("/archive_sha256").asText()));
    for (ToolReply r : List.of(first, second)) {
      assertThat(r.at("/archive_sha256").asText())
          .isEqualTo(RotationPlanner.sha256Hex(Files.readAllBytes(Path.of(r.at("/archived_to").asText()))));
    }

    List<LogRotated> rotations = server.events(LogRotated.class);
    RotationVerifier.Report ok = RotationVerifier.verify(rotations, new DiskLogFiles());
    assertThat(ok.intact()).as(ok.toString()).isTrue();
    assertThat(ok.of(first.at("/rotation_id").asText()).orElseThrow().status()).isEqualTo(RotationVerifier.Status.OK);

    Files.writeString(Path.of(first.at("/archived_to").asText()), "edited\n", StandardOpenOption.APPEND);
    RotationVerifier.Report bad = RotationVerifier.verify(rotations, new DiskLogFiles());
    assertThat(bad.damaged()).singleElement().satisfies(f -> {
      assertThat(f.rotationId()).isEqualTo(first.at("/rotation_id").asText());
      assertThat(f.status()).isEqualTo(RotationVerifier.Status.CHANGED);
    });
  }

  @Test
  void B69_any_log_type_rotates_its_own_file() throws Exception {
    McpTestClient c = bound("alpha");
    ToolReply bug = c.call("append_entry", Map.of(
        "message", "crash on save", "status", "bug",
        "meta", Map.of("severity", "high", "component", "auth", "status", "open")));
    assertThat(bug.ok()).as(bug.toString()).isTrue();

    ToolReply r = c.call("rotate_log", Map.of("log_type", "bugs", "confirm", true));

    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/archived_to").asText()).endsWith("dev_plans/alpha/BUG_LOG.md.archive.md");
    assertThat(Files.readString(Path.of(r.at("/archived_to").asText()))).contains("crash on save | component=auth; severity=high");
    assertThat(r.at("/entry_count").asLong()).isEqualTo(1);
    // The progress log (which got the tee copy) is untouched.
    assertThat(Files.readString(progressLog("alpha"))).contains("crash on save");

    ToolReply all = c.call("rotate_log", Map.of("rotate_all", true, "confirm", true));
    assertThat(all.ok()).as(all.toString()).isTrue();
    assertThat(all.at("/processed_log_types")).hasSize(5);
    assertThat(all.at("/summary/successful").asInt()).isEqualTo(1); // only progress has entries left
    assertThat(all.at("/summary/skipped").asInt()).isEqualTo(4);
    assertThat(all.at("/results/0/sequence_number").asLong()).isEqualTo(2);
  }

  @Test
  void B54_after_a_rotation_read_recent_and_query_entries_see_the_whole_history() throws Exception {
    McpTestClient c = bound("alpha");
    for (int i = 1; i <= 5; i++) append(c, "m" + i);
    assertThat(c.call("rotate_log", Map.of("confirm", true)).ok()).isTrue();
    append(c, "m6");

    ToolReply recent = c.call("read_recent", Map.of("format", "structured", "page_size", 50));
    assertThat(recent.ok()).as(recent.toString()).isTrue();
    List<String> recentMessages = messages(recent.at("/entries"));
    assertThat(recentMessages).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5", "m6");
    boolean hasQuery = c.listTools().stream().anyMatch(t -> t.name().equals("query_entries"));
    if (hasQuery) {
      ToolReply query = c.call("query_entries", Map.of("format", "structured", "page_size", 50));
      assertThat(query.ok()).as(query.toString()).isTrue();
      assertThat(messages(query.at("/entries"))).containsExactlyInAnyOrderElementsOf(recentMessages);
    }
  }

  private static List<String> messages(JsonNode entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.path("message").asText()));
    return out;
  }

  @Test
  void suffixes_are_sanitised_and_custom_metadata_is_echoed_and_recorded() throws Exception {
    McpTestClient c = bound("alpha");
    append(c, "one");
    ToolReply r = c.call("rotate_log", Map.of(
        "suffix", "my suffix!", "confirm", true, "custom_metadata", "{\"ticket\":\"OPS-7\",\"n\":2}"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/rotation_executed").asBoolean()).as("custom_metadata never turns a rotation into a no-op").isTrue();
    assertThat(r.at("/archived_to").asText()).endsWith("PROGRESS_LOG.md.my_suffix_.md");
    assertThat(r.at("/custom_metadata_applied").asBoolean()).isTrue();
    assertThat(r.at("/custom_metadata/ticket").asText()).isEqualTo("OPS-7");
    assertThat(server.events(ToolInvoked.class)).filteredOn(t -> t.tool().equals("rotate_log"))
        .singleElement().satisfies(t -> assertThat(t.argumentsJson()).contains("OPS-7"));

    ToolReply bad = c.call("rotate_log", Map.of("confirm", true, "custom_metadata", "{not json"));
    assertThat(bad.isError()).isTrue();
    assertThat(bad.errorCode()).isEqualTo("invalid_argument");
    assertThat(bad.errorMessage()).startsWith("Invalid JSON in custom_metadata:");
    assertThat(server.events(LogRotated.class)).hasSize(1);
  }

  @Test
  void a_threshold_rotates_only_above_it_and_an_empty_log_is_skipped() throws Exception {
    McpTestClient c = bound("alpha");
    ToolReply empty = c.call("rotate_log", Map.of("confirm", true));
    assertThat(empty.ok()).isTrue();
    assertThat(empty.at("/results/0/status").asText()).isEqualTo("skipped");
    assertThat(empty.at("/rotation_executed").asBoolean()).isFalse();

    for (int i = 0; i < 3; i++) append(c, "e" + i);
    ToolReply below = c.call("rotate_log", Map.of("confirm", true, "auto_threshold", true, "threshold_entries", 3));
    assertThat(below.at("/results/0/status").asText()).isEqualTo("skipped");
    assertThat(below.at("/results/0/reason").asText()).contains("below the threshold");
    append(c, "e3");
    ToolReply above = c.call("rotate_log", Map.of("confirm", true, "auto_threshold", true, "threshold_entries", 3));
    assertThat(above.at("/results/0/status").asText()).isEqualTo("rotated");
    assertThat(above.at("/entry_count").asLong()).isEqualTo(4);
  }

  @Test
  void errors_without_a_binding_and_for_another_project() {
    McpTestClient unbound = server.client();
    ToolReply r = unbound.call("rotate_log", Map.of("confirm", true));
    assertThat(r.isError()).isTrue();
    assertThat(r.errorCode()).isEqualTo("no_project_bound");
    assertThat(r.errorMessage()).isEqualTo("No project bound to this session: call set_project first");

    McpTestClient c = bound("alpha");
    ToolReply other = c.call("rotate_log", Map.of("project", "beta"));
    assertThat(other.errorCode()).isEqualTo("invalid_argument");
    assertThat(c.call("rotate_log", Map.of("log_type", "nope")).isError()).isTrue();
  }

  @Test
  void a_session_rotates_only_its_own_project() throws Exception {
    McpTestClient a = bound("alpha");
    McpTestClient b = bound("beta");
    append(a, "alpha entry");
    append(b, "beta entry");
    server.server().projections().awaitAllApplied(server.log().lastPosition(), java.time.Duration.ofSeconds(30));
    byte[] betaBefore = Files.readAllBytes(progressLog("beta"));
    ToolReply r = a.call("rotate_log", Map.of("confirm", true));
    assertThat(r.at("/project_name").asText()).isEqualTo("alpha");
    assertThat(r.at("/archived_to").asText()).contains("/alpha/");
    assertThat(Files.readAllBytes(progressLog("beta"))).isEqualTo(betaBefore);
  }

  @Test
  void entries_racing_a_rotation_land_in_exactly_one_segment() throws Exception {
    McpTestClient writer = bound("alpha");
    McpTestClient rotator = server.client();
    assertThat(rotator.call("set_project", Map.of("name", "alpha", "root", repo.toString())).ok()).isTrue();
    AtomicInteger written = new AtomicInteger();
    Thread t = new Thread(() -> {
      for (int i = 0; i < 60; i++) {
        append(writer, "race " + i);
        written.incrementAndGet();
      }
    }, "test-writer");
    t.start();
    List<ToolReply> rotations = new ArrayList<>();
    while (t.isAlive()) {
      ToolReply r = rotator.call("rotate_log", Map.of("confirm", true));
      assertThat(r.ok()).as(r.toString()).isTrue();
      rotations.add(r);
    }
    t.join();
    server.server().projections().awaitAllApplied(server.log().lastPosition(), java.time.Duration.ofSeconds(30));

    List<LogRotated> events = server.events(LogRotated.class);
    assertThat(RotationVerifier.verify(events, new DiskLogFiles()).intact()).isTrue();
    long archived = events.stream().mapToLong(LogRotated::entryCount).sum();
    long live = Files.readAllLines(progressLog("alpha")).stream().filter(l -> l.contains("] race ")).count();
    assertThat(archived + live).isEqualTo(60);
    assertThat(server.events(EntryAppended.class)).hasSize(60);
    for (LogRotated e : events) {
      long inFile = Files.readAllLines(Path.of(e.archivePath())).stream().filter(l -> l.contains("] race ")).count();
      assertThat(inFile).as(e.archivePath()).isEqualTo(e.entryCount());
    }
  }
}
