package dev.scribe.projections.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.codec.Json;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.sentinel.CaseIds;
import dev.scribe.domain.sentinel.RepoIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a sentinel JSONL file the Python server wrote ({@code sentinel.jsonl}, {@code bug.jsonl},
 * {@code security.jsonl}) into events, without loss: each line becomes one {@code
 * SentinelEventAppended} with the line's event type, day, repository id, intent, affected projects
 * and data exactly, its execution id as the envelope's, and its own time and agent identity in
 * {@code data.scribe_import} ({@link SentinelLines#IMPORT_KEY}), so the sentinel files render the
 * line back byte for byte.
 *
 * <p>Why not typed events ({@code FileRead}, {@code ScopeViolation}, {@code CaseOpened}): those
 * records have no place for a foreign line's time, agent identity or its full data, so they would
 * lose fields; and an imported read is not a read this server performed. Search and the files
 * treat an imported {@code read_file} line like a live one (same event type, same data members).
 */
public final class SentinelImport {
  private static final List<String> KEYS =
      List.of("event_type", "timestamp_utc", "sentinel_day", "repo_id", "execution_id",
          "agent_identity", "intent", "affected_dev_projects", "data");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private SentinelImport() {}

  /** One line, ready to append. */
  public record Line(
      int lineNumber, String stream, String executionId, String idempotencyKey, SentinelEventAppended event) {}

  /** A line that could not be imported, and why. */
  public record Rejected(int lineNumber, String reason) {}

  /** The lines of a file. */
  public record Parsed(List<Line> lines, List<Rejected> rejected, int blank) {}

  /**
   * Parses {@code content} for repository {@code realRepoRoot} (where the daily files are rendered
   * again).
   */
  public static Parsed parse(String realRepoRoot, String content) {
    List<Line> out = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int blank = 0;
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int number = i + 1;
      if (text.isBlank()) {
        if (i < lines.length - 1) blank++;
        continue;
      }
      try {
        SentinelEventAppended e = event(realRepoRoot, text);
        String execution = Json.mapper().readTree(text).path("execution_id").asText();
        int occurrence = seen.merge(text, 1, Integer::sum);
        String key = "sentinel-import:" + sha256(realRepoRoot + "\n" + text) + ":" + occurrence;
        out.add(new Line(number, Streams.sentinelDay(RepoIds.of(realRepoRoot), e.day()), execution, key, e));
      } catch (IllegalArgumentException | JsonProcessingException ex) {
        rejected.add(new Rejected(number, ex.getMessage()));
      }
    }
    return new Parsed(out, rejected, blank);
  }

  static SentinelEventAppended event(String repoRoot, String text) throws JsonProcessingException {
    JsonNode n = Json.mapper().readTree(text);
    if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    if (!keys.equals(KEYS)) {
      throw new IllegalArgumentException("expected the members " + KEYS + " in that order, got " + keys);
    }
    String type = text(n, "event_type");
    String day = text(n, "sentinel_day");
    if (!DAY.matcher(day).matches()) throw new IllegalArgumentException("sentinel_day is not yyyy-MM-dd: " + day);
    String repoId = text(n, "repo_id");
    if (!HEX64.matcher(repoId).matches()) throw new IllegalArgumentException("repo_id is not a SHA-256: " + repoId);
    String intent = text(n, "intent");
    if (!intent.startsWith("tool:") || intent.length() == 5) {
      throw new IllegalArgumentException("intent is not tool:<name>: " + intent);
    }
    text(n, "timestamp_utc");
    if (!n.get("execution_id").isTextual()) throw new IllegalArgumentException("execution_id is not a string");
    JsonNode agent = n.get("agent_identity");
    if (!agent.isObject()) throw new IllegalArgumentException("agent_identity is not an object");
    JsonNode affected = n.get("affected_dev_projects");
    if (!affected.isArray()) throw new IllegalArgumentException("affected_dev_projects is not a list");
    List<String> projects = new ArrayList<>();
    for (JsonNode p : affected) {
      if (!p.isTextual()) throw new IllegalArgumentException("affected_dev_projects holds a non-string");
      projects.add(p.textValue());
    }
    JsonNode data = n.get("data");
    if (!data.isObject()) throw new IllegalArgumentException("data is not an object");
    if (data.has(SentinelLines.IMPORT_KEY)) {
      throw new IllegalArgumentException("data already has a " + SentinelLines.IMPORT_KEY + " member");
    }
    ObjectNode stored = ((ObjectNode) data).deepCopy();
    ObjectNode imp = stored.putObject(SentinelLines.IMPORT_KEY);
    imp.set("timestamp_utc", n.get("timestamp_utc"));
    imp.set("agent_identity", agent);
    String display = agent.path("display_name").isTextual() ? agent.path("display_name").textValue() : "";
    String caseId = null;
    JsonNode c = data.get("case_id");
    if (c != null && c.isTextual() && CaseIds.parse(c.textValue()).isPresent()) caseId = c.textValue();
    String dataJson;
    try {
      dataJson = Json.mapper().writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new SentinelEventAppended(repoRoot, repoId, day, type, intent, display, projects, dataJson, caseId);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new IllegalArgumentException(key + " is missing or not a string");
    }
    return v.textValue();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
