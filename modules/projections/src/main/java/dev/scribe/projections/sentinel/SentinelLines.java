package dev.scribe.projections.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.codec.Json;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.ReadFileFailed;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.domain.sentinel.RepoIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a recorded event looks like in a repository's sentinel files (reference §2.7): the JSONL
 * object {@code {event_type, timestamp_utc, sentinel_day, repo_id, execution_id, agent_identity,
 * intent, affected_dev_projects, data}} and the Markdown line
 *
 * <pre>[&lt;timestamp_utc&gt;] [exec:&lt;execution_id&gt;] [event:&lt;event_type&gt;] [case:&lt;case_id&gt;]? [agent:&lt;instance_id&gt;] &lt;intent&gt; &lt;message&gt;</pre>
 *
 * <p>The message (an event's text: its {@code data.message}, a case's title, a read's path, …)
 * ends the Markdown line, with line breaks written as {@code \n}, so a reader of the Markdown log
 * sees what happened, not only which tool ran (the reference omits it, §8.2 item 8).
 *
 * <p>The agent identity of a live event: kind {@code other}, the session id as instance id (one
 * per MCP session, stable across a server restart), the call's {@code agent} argument as display
 * name. Everything comes from the event and its envelope, so rendering is deterministic and a
 * rebuild writes the same bytes. An imported line keeps its own time and agent identity in {@code
 * data.scribe_import} (see {@link #IMPORT_KEY}); the renderer puts them back and drops the member.
 *
 * <p>Case events go to {@code bug.jsonl} / {@code security.jsonl}, everything else to {@code
 * sentinel.jsonl}; every event also gets a Markdown line, after its JSON line.
 */
public final class SentinelLines {
  /**
   * The member of an imported event's data that holds the line's own {@code timestamp_utc} and
   * {@code agent_identity} (a {@code SentinelEventAppended} record has no place for them).
   */
  public static final String IMPORT_KEY = "scribe_import";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private SentinelLines() {}

  /** The stored type names {@link #render} may give a line for (projections skip the others). */
  public static final java.util.Optional<java.util.Set<String>> EVENT_TYPES =
      java.util.Optional.of(
          java.util.Set.of(
              SentinelEventAppended.class.getSimpleName(), CaseOpened.class.getSimpleName(),
              FixLinked.class.getSimpleName(), CaseClosed.class.getSimpleName(),
              FileRead.class.getSimpleName(), ReadFileFailed.class.getSimpleName(),
              ScopeViolation.class.getSimpleName()));

  /** The sentinel line of {@code r}, if it has one (project-mode events have none). */
  public static Optional<SentinelLine> render(RecordedEvent r, CaseRefs cases) {
    if (r.event() instanceof SentinelEventAppended e) return Optional.of(appended(r, e));
    if (r.event() instanceof CaseOpened c) {
      cases.opened(c);
      return Optional.of(caseOpened(r, c));
    }
    if (r.event() instanceof FixLinked f) {
      return cases.ofStream(r.stream()).map(ref -> fixLinked(r, f, ref));
    }
    if (r.event() instanceof CaseClosed c) {
      return cases.ofStream(r.stream()).map(ref -> caseClosed(r, c, ref));
    }
    if (!isSentinelStream(r.stream())) return Optional.empty();
    if (r.event() instanceof FileRead f) return Optional.of(fileRead(r, f));
    if (r.event() instanceof ReadFileFailed f) return Optional.of(readFailed(r, f));
    if (r.event() instanceof ScopeViolation v && v.repoRoot() != null) {
      return Optional.of(scopeViolation(r, v));
    }
    return Optional.empty();
  }

  /** {@code sentinel-<64 hex>-<yyyy-MM-dd>}. */
  static boolean isSentinelStream(String stream) {
    return stream.startsWith("sentinel-") && stream.length() == "sentinel-".length() + 64 + 1 + 10;
  }

  private static String streamRepoId(String stream) {
    return stream.substring(9, 73);
  }

  private static String streamDay(String stream) {
    return stream.substring(stream.length() - 10);
  }

  /** {@code instant} as Python's {@code datetime.isoformat()} writes a UTC time. */
  public static String isoTimestamp(Instant instant) {
    int micros = instant.getNano() / 1000;
    String base = SECONDS.format(instant);
    return (micros == 0 ? base : base + "." + String.format("%06d", micros)) + "+00:00";
  }

  // --- per event type ---------------------------------------------------------------------------

  private static SentinelLine appended(RecordedEvent r, SentinelEventAppended e) {
    ObjectNode data = parse(e.dataJson());
    String ts = isoTimestamp(r.recordedAt());
    ObjectNode agent = liveAgent(r.sessionId(), e.agent());
    JsonNode imported = data.get(IMPORT_KEY);
    if (imported != null && imported.isObject()) {
      data.remove(IMPORT_KEY);
      ts = imported.path("timestamp_utc").asText(ts);
      if (imported.get("agent_identity") != null) agent = (ObjectNode) imported.get("agent_identity").deepCopy();
    }
    SentinelLine.File file =
        e.eventType().startsWith("bug_") ? SentinelLine.File.BUG
            : e.eventType().startsWith("security_") ? SentinelLine.File.SECURITY
            : SentinelLine.File.SENTINEL;
    String message = data.path("message").isTextual() ? data.path("message").textValue() : null;
    List<String> paths = new ArrayList<>();
    addPath(paths, data.get("absolute_path"));
    addPath(paths, data.get("repo_relative_path"));
    addPath(paths, data.get("path"));
    JsonNode affected = data.get("affected_paths");
    if (affected != null && affected.isArray()) affected.forEach(p -> addPath(paths, p));
    return line(r, e.repoRoot(), e.repoId(), e.day(), file, e.eventType(), ts, r.executionId(),
        agent, e.intent(), e.caseId(), e.affectedProjects(), paths, message, data);
  }

  private static SentinelLine caseOpened(RecordedEvent r, CaseOpened c) {
    CaseKind kind = CaseKind.fromWire(c.kind()).orElseThrow();
    ObjectNode data = F.objectNode();
    data.put("title", c.title());
    data.put("symptoms", c.symptoms());
    ArrayNode ap = data.putArray("affected_paths");
    c.affectedPaths().forEach(ap::add);
    if (c.severity() != null) data.put("severity", c.severity());
    data.put("landing_status", "proposed");
    data.put("case_id", c.caseId());
    return line(r, c.repoRoot(), c.repoId(), c.day(), file(kind), kind.openedEventType(),
        isoTimestamp(r.recordedAt()), r.executionId(), liveAgent(r.sessionId(), ""),
        "tool:" + (kind == CaseKind.BUG ? "open_bug" : "open_security"), c.caseId(), List.of(),
        c.affectedPaths(), c.title(), data);
  }

  private static SentinelLine fixLinked(RecordedEvent r, FixLinked f, CaseRefs.Ref ref) {
    ObjectNode data = F.objectNode();
    data.put("case_id", f.caseId());
    ObjectNode link = data.putObject("fix_link");
    link.put("execution_id", f.fixExecutionId());
    link.put("artifact_ref", f.artifactRef());
    data.put("landing_status", f.landingStatus());
    return line(r, ref.repoRoot(), ref.repoId(), RepoIds.day(r.recordedAt()), file(ref.kind()),
        ref.kind().fixLinkedEventType(), isoTimestamp(r.recordedAt()), r.executionId(),
        liveAgent(r.sessionId(), ""), "tool:link_fix", f.caseId(), List.of(), List.of(),
        f.artifactRef() + " (" + f.landingStatus() + ")", data);
  }

  private static SentinelLine caseClosed(RecordedEvent r, CaseClosed c, CaseRefs.Ref ref) {
    ObjectNode data = F.objectNode();
    data.put("case_id", c.caseId());
    data.put("root_cause", c.rootCause());
    data.put("landing_status", "closed");
    return line(r, ref.repoRoot(), ref.repoId(), RepoIds.day(r.recordedAt()), file(ref.kind()),
        ref.kind().closedEventType(), isoTimestamp(r.recordedAt()), r.executionId(),
        liveAgent(r.sessionId(), ""), "tool:close_case", c.caseId(), List.of(), List.of(),
        c.rootCause(), data);
  }

  private static SentinelLine fileRead(RecordedEvent r, FileRead f) {
    ObjectNode data = F.objectNode();
    audit(data, r, "read_file", f.agent());
    data.put("read_mode", f.readMode());
    ObjectNode range = parse(f.rangeJson());
    for (Iterator<Map.Entry<String, JsonNode>> it = range.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      data.set(e.getKey(), e.getValue());
    }
    data.put("absolute_path", f.absolutePath());
    if (f.repoRelativePath() != null) data.put("repo_relative_path", f.repoRelativePath());
    else data.putNull("repo_relative_path");
    data.put("byte_size", f.byteSize());
    data.put("line_count", f.lineCount());
    data.put("sha256", f.sha256());
    data.put("newline_type", f.newlineType());
    data.put("encoding", f.encoding());
    data.put("estimated_chunk_count", f.estimatedChunkCount());
    List<String> paths = new ArrayList<>();
    paths.add(f.absolutePath());
    if (f.repoRelativePath() != null) paths.add(f.repoRelativePath());
    String shown = f.repoRelativePath() != null ? f.repoRelativePath() : f.absolutePath();
    return line(r, f.repoRoot(), streamRepoId(r.stream()), streamDay(r.stream()),
        SentinelLine.File.SENTINEL, "read_file", isoTimestamp(r.recordedAt()), r.executionId(),
        liveAgent(r.sessionId(), f.agent()), "tool:read_file", null, List.of(), paths,
        f.readMode() + " " + shown, data);
  }

  private static SentinelLine readFailed(RecordedEvent r, ReadFileFailed f) {
    ObjectNode data = F.objectNode();
    audit(data, r, "read_file", "");
    data.put("path", f.path());
    data.put("error", f.error());
    if (f.details() != null) data.put("details", f.details());
    if (f.absolutePath() != null) data.put("absolute_path", f.absolutePath());
    List<String> paths = new ArrayList<>();
    paths.add(f.path());
    if (f.absolutePath() != null) paths.add(f.absolutePath());
    return line(r, f.repoRoot(), streamRepoId(r.stream()), streamDay(r.stream()),
        SentinelLine.File.SENTINEL, "read_file_error", isoTimestamp(r.recordedAt()),
        r.executionId(), liveAgent(r.sessionId(), ""), "tool:read_file", null, List.of(), paths,
        f.error() + ": " + f.path(), data);
  }

  private static SentinelLine scopeViolation(RecordedEvent r, ScopeViolation v) {
    ObjectNode data = F.objectNode();
    data.put("reason", v.reason());
    data.put("tool_name", v.tool());
    if (v.path() != null) data.put("path", v.path());
    List<String> paths = v.path() == null ? List.of() : List.of(v.path());
    String root = v.repoRoot() == null ? "" : v.repoRoot();
    return line(r, root, streamRepoId(r.stream()), streamDay(r.stream()),
        SentinelLine.File.SENTINEL, "scope_violation", isoTimestamp(r.recordedAt()),
        r.executionId(), liveAgent(r.sessionId(), ""), "tool:" + v.tool(), null, List.of(), paths,
        v.reason() + (v.path() == null ? "" : ": " + v.path()), data);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static void audit(ObjectNode data, RecordedEvent r, String tool, String agent) {
    data.put("execution_id", r.executionId());
    data.put("session_id", r.sessionId());
    data.put("intent", "tool:" + tool);
    data.put("agent_kind", "other");
    data.put("agent_instance_id", r.sessionId());
    data.putNull("agent_sub_id");
    if (agent.isEmpty()) data.putNull("agent_display_name");
    else data.put("agent_display_name", agent);
    data.putNull("agent_model");
  }

  private static ObjectNode liveAgent(String sessionId, String agent) {
    ObjectNode a = F.objectNode();
    a.put("agent_kind", "other");
    a.putNull("model");
    a.put("instance_id", sessionId);
    a.putNull("sub_id");
    if (agent.isEmpty()) a.putNull("display_name");
    else a.put("display_name", agent);
    return a;
  }

  private static SentinelLine.File file(CaseKind kind) {
    return kind == CaseKind.BUG ? SentinelLine.File.BUG : SentinelLine.File.SECURITY;
  }

  private static void addPath(List<String> paths, @Nullable JsonNode p) {
    if (p != null && p.isTextual() && !p.textValue().isEmpty()) paths.add(p.textValue());
  }

  private static SentinelLine line(
      RecordedEvent r, String repoRoot, String repoId, String day, SentinelLine.File file,
      String eventType, String ts, String executionId, ObjectNode agent, String intent,
      @Nullable String caseId, List<String> affected, List<String> paths,
      @Nullable String message, ObjectNode data) {
    ObjectNode json = F.objectNode();
    json.put("event_type", eventType);
    json.put("timestamp_utc", ts);
    json.put("sentinel_day", day);
    json.put("repo_id", repoId);
    json.put("execution_id", executionId);
    json.set("agent_identity", agent);
    json.put("intent", intent);
    ArrayNode ap = json.putArray("affected_dev_projects");
    affected.forEach(ap::add);
    json.set("data", data);
    String instance = agent.path("instance_id").isTextual() ? agent.path("instance_id").textValue() : "None";
    StringBuilder md = new StringBuilder();
    md.append('[').append(ts).append("] [exec:").append(executionId).append("] [event:")
        .append(eventType).append(']');
    if (caseId != null) md.append(" [case:").append(caseId).append(']');
    md.append(" [agent:").append(instance).append("] ").append(intent);
    if (message != null && !message.isEmpty()) md.append(' ').append(oneLine(message));
    String display = agent.path("display_name").isTextual() ? agent.path("display_name").textValue() : null;
    return new SentinelLine(
        r.position(), repoRoot, repoId, day, file, eventType, ts, executionId, r.sessionId(),
        instance, display, intent, caseId, affected, paths, message, json, md.toString());
  }

  /** Line breaks as the two characters {@code \n}, so one event is one Markdown line. */
  static String oneLine(String s) {
    return s.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  private static ObjectNode parse(String json) {
    try {
      JsonNode n = Json.mapper().readTree(json);
      if (n instanceof ObjectNode o) return o;
    } catch (JsonProcessingException e) {
      // the codec guarantees one JSON object; fall through
    }
    throw new IllegalStateException("JSON-text field is not a JSON object: " + json);
  }
}
