package dev.scribe.server.tools.sentinel;

import static dev.scribe.server.tools.sentinel.SentinelFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** append_event through a real MCP client and the daily files it lands in (B24, B25). */
@Timeout(120)
class AppendEventTest {
  @TempDir Path dir;
  ScribeTestServer server;
  Path repo;
  McpTestClient c;

  @BeforeEach
  void start() throws Exception {
    server = ScribeTestServer.inMemory(dir.resolve("data"));
    repo = repo(dir, "repo");
    c = sentinel(server, repo);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void b24_a_multi_line_message_is_split_and_legacy_events_keep_their_data() throws Exception {
    ToolReply r = c.call("append_event", Map.of("message", "a\nb", "agent", "Codex"));
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(r.at("/event_type").asText()).isEqualTo("info");
    assertThat(r.at("/written_count").asInt()).isEqualTo(2);
    ToolReply legacy = c.call("append_event", Map.of("event_type", "verification.note", "data", Map.of("k", "v")));
    assertThat(legacy.at("/event_type").asText()).isEqualTo("verification.note");

    List<RecordedEvent> events = server.events().stream()
        .filter(e -> e.event() instanceof SentinelEventAppended).toList();
    assertThat(events).hasSize(3);
    assertThat(events.get(0).executionId()).isEqualTo(events.get(1).executionId()).isNotEqualTo(events.get(2).executionId());
    awaitFiles(server);
    List<JsonNode> jsonl = jsonl(dayDir(repo).resolve("sentinel.jsonl"));
    assertThat(jsonl).hasSize(3);
    assertThat(jsonl).extracting(j -> j.at("/data/message").asText()).startsWith("a", "b");
    JsonNode first = jsonl.get(0);
    assertThat(first.path("sentinel_day").asText()).isEqualTo(DAY);
    assertThat(first.path("repo_id").asText()).isEqualTo(repoId(repo));
    assertThat(first.path("execution_id").asText()).isEqualTo(events.get(0).executionId());
    assertThat(first.at("/agent_identity/instance_id").asText()).isEqualTo(c.sessionId());
    assertThat(first.at("/agent_identity/display_name").asText()).isEqualTo("Codex");
    assertThat(first.path("data").toString()).isEqualTo(
        "{\"message\":\"a\",\"status\":null,\"emoji\":null,\"agent\":\"Codex\",\"meta\":{},\"timestamp_utc_override\":null}");
    assertThat(jsonl.get(2).path("event_type").asText()).isEqualTo("verification.note");
    assertThat(jsonl.get(2).path("data").toString()).isEqualTo("{\"k\":\"v\"}");
    // each JSON line has its Markdown line, in the same order, with the message
    List<String> md = lines(dayDir(repo).resolve("SENTINEL_LOG.md"));
    assertThat(md).hasSize(3);
    assertThat(md.get(0)).startsWith("[2026-03-01T09:00:00+00:00] [exec:" + events.get(0).executionId() + "] [event:info] [agent:"
        + c.sessionId() + "] tool:append_event a");
    assertThat(md.get(1)).endsWith("tool:append_event b");
    // the JSONL is byte for byte the reference's format (Python json.dumps)
    assertThat(lines(dayDir(repo).resolve("sentinel.jsonl")).get(2))
        .contains("\"data\": {\"k\": \"v\"}").contains("\"affected_dev_projects\": []");
  }

  @Test
  void b25_bulk_items_without_a_message_are_skipped_and_nothing_at_all_is_an_error() throws Exception {
    ToolReply bulk = c.call("append_event", Map.of("items_list",
        List.of(Map.of("message", "x", "status", "warn"), Map.of("status", "info"))));
    assertThat(bulk.ok()).as(bulk.toString()).isTrue();
    assertThat(bulk.at("/event_type").asText()).isEqualTo("bulk");
    assertThat(bulk.at("/written_count").asInt()).isEqualTo(1);
    assertThat(bulk.at("/warnings/0").asText()).contains("item 1 has no message");
    assertThat(server.events(SentinelEventAppended.class)).singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("warn"));

    ToolReply none = c.call("append_event", Map.of());
    assertThat(none.isError()).isTrue();
    assertThat(none.errorMessage()).isEqualTo("message or items are required");
    ToolReply badItems = c.call("append_event", Map.of("items", "[{"));
    assertThat(badItems.errorMessage()).startsWith("Invalid JSON in items parameter");
    ToolReply badType = c.call("append_event", Map.of("message", "m", "status", "no spaces"));
    assertThat(badType.errorCode()).isEqualTo("invalid_argument");
    ToolReply reserved = c.call("append_event", Map.of("event_type", "x", "data", Map.of("scribe_import", Map.of())));
    assertThat(reserved.errorCode()).isEqualTo("invalid_argument");
    assertThat(server.events(SentinelEventAppended.class)).hasSize(1);
  }

  @Test
  void auto_split_false_keeps_the_message_whole_and_a_case_id_is_recorded() throws Exception {
    c.call("append_event", Map.of("message", "line 1\nline 2 | x", "auto_split", false,
        "case_id", "BUG-2026-03-01-0001", "affected_projects", List.of("alpha")));
    SentinelEventAppended e = server.events(SentinelEventAppended.class).get(0);
    assertThat(e.caseId()).isEqualTo("BUG-2026-03-01-0001");
    assertThat(e.affectedProjects()).containsExactly("alpha");
    awaitFiles(server);
    assertThat(jsonl(dayDir(repo).resolve("sentinel.jsonl")).get(0).at("/data/message").asText())
        .isEqualTo("line 1\nline 2 | x");
    assertThat(lines(dayDir(repo).resolve("SENTINEL_LOG.md"))).singleElement().asString()
        .contains("[case:BUG-2026-03-01-0001]").endsWith("line 1\\nline 2 | x");
  }

  @Test
  void the_sentinel_day_follows_the_clock_in_utc() throws Exception {
    server.clock().set(java.time.Instant.parse("2026-03-02T00:00:01Z"));
    c.call("append_event", Map.of("message", "tomorrow"));
    awaitFiles(server);
    assertThat(lines(repo.resolve(".scribe/sentinel/2026-03-02/sentinel.jsonl"))).hasSize(1);
  }
}
