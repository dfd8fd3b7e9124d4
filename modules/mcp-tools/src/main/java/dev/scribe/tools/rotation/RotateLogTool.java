package dev.scribe.tools.rotation;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.project.Binding;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.Views;
import dev.scribe.tools.ports.LogSegments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code rotate_log} (reference §3.10, B66–B69, B54): closes the current segment of one or more of
 * the session's project logs into an archive. A dry run unless {@code confirm} (and not {@code
 * dry_run}); a dry run writes nothing.
 *
 * <p>A rotation is one {@link LogRotated} on {@code project-<name>}: the segment's SHA-256, size and
 * entry count come from the Markdown view (which keeps them running), the sequence number and the
 * chain continue the project's rotations, and the event is appended expecting exactly the stream
 * versions the view had applied when it reported the segment — so no entry slips in between the
 * hash and the rotation; on a conflict the view is read again (up to {@value #ATTEMPTS} times).
 * The handler waits until the view has applied the rotation before answering, so the archive
 * exists when the answer arrives. Rotations never remove entries from the log: {@code read_recent}
 * and {@code query_entries} keep seeing the whole history (B54).
 *
 * <p>{@code custom_metadata} (a JSON object, or a string holding one) is echoed in the answer and
 * recorded in the log with the call ({@code ToolInvoked} carries the arguments, under the same
 * execution id as the rotation).
 */
public final class RotateLogTool {
  public static final String NAME = "rotate_log";
  static final int ATTEMPTS = 5;
  static final int DEFAULT_THRESHOLD = 500;
  private static final List<String> TYPES =
      List.of("progress", "bugs", "security", "doc_updates", "global");
  private static final String METHOD = "view_counter";

  private final ToolKit kit;
  private final SessionsView sessions;
  private final ProjectsView projects;
  private final LogSegments segments;

  private RotateLogTool(
      ToolKit kit, SessionsView sessions, ProjectsView projects, LogSegments segments) {
    this.kit = requireNonNull(kit, "kit");
    this.sessions = requireNonNull(sessions, "sessions");
    this.projects = requireNonNull(projects, "projects");
    this.segments = requireNonNull(segments, "segments");
  }

  public static ToolBinding binding(
      ToolKit kit, SessionsView sessions, ProjectsView projects, LogSegments segments) {
    RotateLogTool tool = new RotateLogTool(kit, sessions, projects, segments);
    return new ToolBinding(definition(), tool::call);
  }

  static ToolDefinition definition() {
    ObjectNode result =
        Schemas.object()
            .req("log_type", Schemas.string(""))
            .req("status", Schemas.stringEnum("", List.of("rotated", "dry_run_complete", "skipped", "failed")))
            .prop("log_path", Schemas.string(""))
            .prop("entry_count", Schemas.integer("entry lines in the segment (header not counted)"))
            .prop("estimated_size", Schemas.integer("segment size in bytes"))
            .prop("file_hash", Schemas.string("SHA-256 of the segment"))
            .prop("would_rotate", Schemas.bool(""))
            .prop("archived_to", Schemas.string(""))
            .prop("archive_sha256", Schemas.string(""))
            .prop("sequence_number", Schemas.integer(""))
            .prop("rotation_id", Schemas.string(""))
            .prop("chain_sha256", Schemas.string(""))
            .prop("previous_chain_sha256", Schemas.string(""))
            .prop("reason", Schemas.string(""))
            .build();
    return ToolDefinition.of(
        NAME,
        "Rotate this session's project log: archive the current file to <log>.<suffix>.md (SHA-256"
            + " recorded and chained to the previous rotation) and start a fresh one. A dry run"
            + " unless confirm is true. Entries stay searchable: read_recent and query_entries see"
            + " the whole history.",
        Schemas.object()
            .prop("log_type", Schemas.stringEnum("the log to rotate (default progress)", TYPES))
            .prop("log_types", Schemas.array("several logs", Schemas.stringEnum("", TYPES)))
            .prop("rotate_all", Schemas.bool("every log of the project (empty ones are skipped)"))
            .prop("suffix", Schemas.string("archive suffix: <log>.<suffix>.md; [^A-Za-z0-9._-] runs become _ (default archive)"))
            .prop("confirm", Schemas.bool("really rotate (default false: a dry run)"))
            .prop("dry_run", Schemas.bool("report only (default: not confirm)"))
            .prop("dry_run_mode", Schemas.stringEnum("estimate or precise; counts are exact either way", List.of("estimate", "precise")))
            .prop("custom_metadata", Schemas.anyOf("recorded with the rotation and echoed", Schemas.anyObject(""), Schemas.string("a JSON object")))
            .prop("auto_threshold", Schemas.bool("rotate only logs with more than threshold_entries entries"))
            .prop("threshold_entries", Schemas.integer("the threshold (default 500)", 1))
            .prop("project", Schemas.string("must be the session's bound project when given"))
            .prop("format", Schemas.stringEnum("text block format (default structured)", List.of("readable", "structured", "compact", "both")))
            .closed()
            .build(),
        Schemas.object()
            .req("ok", Schemas.bool(""))
            .req("project_name", Schemas.string(""))
            .req("rotation_executed", Schemas.bool("at least one log was rotated"))
            .req("dry_run", Schemas.bool(""))
            .req("dry_run_mode", Schemas.string(""))
            .req("processed_log_types", Schemas.array("", Schemas.string("")))
            .req("results", Schemas.array("one per log type", result))
            .req("summary", Schemas.object()
                .req("total_operations", Schemas.integer(""))
                .req("successful", Schemas.integer(""))
                .req("failed", Schemas.integer(""))
                .req("skipped", Schemas.integer(""))
                .build())
            .req("entry_count_method", Schemas.string(""))
            .prop("entry_count", Schemas.integer(""))
            .prop("archived_to", Schemas.string(""))
            .prop("archive_path", Schemas.string(""))
            .prop("archive_sha256", Schemas.string(""))
            .prop("archive_hash", Schemas.string(""))
            .prop("rotation_id", Schemas.string(""))
            .prop("sequence_number", Schemas.integer(""))
            .prop("chain_sha256", Schemas.string(""))
            .prop("rotation_completed", Schemas.bool(""))
            .prop("integrity_verified", Schemas.bool(""))
            .prop("audit_trail_stored", Schemas.bool(""))
            .prop("state_updated", Schemas.bool(""))
            .prop("rotation_duration_seconds", Schemas.number(""))
            .prop("entry_count_approximate", Schemas.bool(""))
            .prop("file_hash", Schemas.string(""))
            .prop("custom_metadata_applied", Schemas.bool(""))
            .prop("custom_metadata", Schemas.anyObject(""))
            .prop("warnings", Schemas.array("", Schemas.string("")))
            .build(),
        ToolAnnotations.forAppends(false));
  }

  /** The parsed arguments. */
  record Args(
      List<String> logTypes,
      @Nullable String suffix,
      boolean execute,
      String dryRunMode,
      @Nullable ObjectNode customMetadata,
      @Nullable Integer threshold,
      @Nullable String project,
      String format) {}

  private CompletionStage<ToolResult> call(ToolCall call) {
    try {
      return CompletableFuture.completedFuture(run(call));
    } catch (DomainException e) {
      return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage()));
    } catch (ToolException e) {
      return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage(), e.details()));
    }
  }

  private ToolResult run(ToolCall call) {
    Args a = parse(call.arguments());
    Instant started = kit.clock().instant();
    awaitView(SessionsView.NAME);
    awaitView(ProjectsView.NAME);
    Project project = Bindings.resolve(binding(call.sessionId()), projects);
    if (a.project() != null && !a.project().equals(project.name())) {
      throw new ToolException(
          "invalid_argument",
          "rotate_log works on this session's project '" + project.name() + "', not '" + a.project()
              + "'; call set_project to switch.");
    }

    ArrayNode results = McpJson.mapper().createArrayNode();
    List<String> warnings = new ArrayList<>();
    int ok = 0;
    int failed = 0;
    int skipped = 0;
    ObjectNode firstRotated = null;
    for (String type : a.logTypes()) {
      ObjectNode r = a.execute() ? rotate(call, project.name(), type, a) : dryRun(project.name(), type, a);
      results.add(r);
      switch (r.get("status").asText()) {
        case "rotated" -> {
          ok++;
          if (firstRotated == null) firstRotated = r;
        }
        case "dry_run_complete" -> ok++;
        case "failed" -> failed++;
        default -> skipped++;
      }
    }

    ObjectNode out = McpJson.object();
    out.put("ok", failed == 0);
    out.put("project_name", project.name());
    out.put("rotation_executed", firstRotated != null);
    out.put("dry_run", !a.execute());
    out.put("dry_run_mode", a.dryRunMode());
    ArrayNode types = out.putArray("processed_log_types");
    a.logTypes().forEach(types::add);
    out.set("results", results);
    ObjectNode summary = out.putObject("summary");
    summary.put("total_operations", a.logTypes().size());
    summary.put("successful", ok);
    summary.put("failed", failed);
    summary.put("skipped", skipped);
    out.put("entry_count_method", METHOD);
    ObjectNode first = firstRotated != null ? firstRotated : (ObjectNode) results.get(0);
    if (first.has("entry_count")) out.put("entry_count", first.get("entry_count").asLong());
    if (firstRotated != null) {
      String archive = firstRotated.get("archived_to").asText();
      String sha = firstRotated.get("archive_sha256").asText();
      out.put("archived_to", archive);
      out.put("archive_path", archive);
      out.put("archive_sha256", sha);
      out.put("archive_hash", sha);
      out.put("rotation_id", firstRotated.get("rotation_id").asText());
      out.put("sequence_number", firstRotated.get("sequence_number").asLong());
      out.put("chain_sha256", firstRotated.get("chain_sha256").asText());
      out.put("rotation_completed", true);
      out.put("integrity_verified", true);
      out.put("audit_trail_stored", true);
      out.put("state_updated", true);
    } else if (!a.execute()) {
      out.put("entry_count_approximate", false);
      if (first.has("file_hash")) out.put("file_hash", first.get("file_hash").asText());
    }
    out.put(
        "rotation_duration_seconds",
        Duration.between(started, kit.clock().instant()).toNanos() / 1e9);
    if (a.customMetadata() != null) {
      out.put("custom_metadata_applied", true);
      out.set("custom_metadata", a.customMetadata());
      if (!a.execute()) warnings.add("custom_metadata is recorded with the call; nothing was rotated (dry run)");
    }
    if (!a.execute()) warnings.add("Dry run: nothing was rotated. Pass confirm=true to rotate.");
    if (!warnings.isEmpty()) {
      ArrayNode w = out.putArray("warnings");
      warnings.forEach(w::add);
    }
    return reply(a.format(), out, summaryText(project.name(), a, results));
  }

  private ObjectNode dryRun(String project, String type, Args a) {
    Segment s = segment(project, type);
    ObjectNode r = base(type, s);
    boolean would = s.entryCount() > 0 && aboveThreshold(s, a);
    r.put("status", "dry_run_complete");
    r.put("would_rotate", would);
    if (would) {
      r.put("archived_to", RotationPlanner.manualArchivePath(s.logPath(), a.suffix(), kit.clock().instant(), segments::pathTaken));
    } else {
      r.put("reason", s.entryCount() == 0 ? "the log has no entries" : belowThreshold(s, a));
    }
    return r;
  }

  private ObjectNode rotate(ToolCall call, String project, String type, Args a) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      awaitView(segments.viewName());
      Segment s = segment(project, type);
      ObjectNode r = base(type, s);
      if (s.entryCount() == 0) {
        r.put("status", "skipped");
        r.put("would_rotate", false);
        r.put("reason", "the log has no entries");
        return r;
      }
      if (!aboveThreshold(s, a)) {
        r.put("status", "skipped");
        r.put("would_rotate", false);
        r.put("reason", belowThreshold(s, a));
        return r;
      }
      String archive =
          RotationPlanner.manualArchivePath(s.logPath(), a.suffix(), kit.clock().instant(), segments::pathTaken);
      LogRotated event = RotationPlanner.rotation(s, kit.ids().get(), archive);
      EventWriter.Batch batch = EventWriter.batch().add(Streams.project(project), event);
      for (Map.Entry<String, Long> v : s.streamVersions().entrySet()) {
        batch.expect(v.getKey(), ExpectedVersion.exactly(v.getValue()));
      }
      AppendResult appended;
      try {
        appended = kit.writer().append(call, batch);
      } catch (ExpectedVersionMismatchException e) {
        continue; // an entry arrived after the hash was taken: read the segment again
      }
      awaitView(segments.viewName(), appended.lastPosition());
      r.put("status", "rotated");
      r.put("would_rotate", true);
      r.put("archived_to", archive);
      r.put("archive_sha256", event.archiveSha256());
      r.put("sequence_number", event.sequenceNumber());
      r.put("rotation_id", event.rotationId());
      r.put("chain_sha256", event.chainSha256());
      if (event.previousArchiveSha256() != null) {
        r.put("previous_chain_sha256", event.previousArchiveSha256());
      }
      return r;
    }
    throw new ToolException(
        "conflict",
        "The " + type + " log of '" + project + "' kept changing while it was being rotated ("
            + ATTEMPTS + " attempts). Nothing was rotated; retry.");
  }

  private static ObjectNode base(String type, Segment s) {
    ObjectNode r = McpJson.object();
    r.put("log_type", type);
    r.put("log_path", s.logPath());
    r.put("entry_count", s.entryCount());
    r.put("estimated_size", s.byteSize());
    r.put("file_hash", s.sha256());
    return r;
  }

  private static boolean aboveThreshold(Segment s, Args a) {
    return a.threshold() == null || s.entryCount() > a.threshold();
  }

  private static String belowThreshold(Segment s, Args a) {
    return "below the threshold: " + s.entryCount() + " entries, rotating above " + a.threshold();
  }

  private Segment segment(String project, String type) {
    return segments
        .current(project, type)
        .orElseThrow(() -> new ToolException("project_deleted", Bindings.deletedMessage(project)));
  }

  // ---- arguments --------------------------------------------------------------------------

  static Args parse(ObjectNode args) {
    LinkedHashSet<String> types = new LinkedHashSet<>();
    if (args.path("rotate_all").asBoolean(false)) types.addAll(TYPES);
    if (args.has("log_types")) args.get("log_types").forEach(t -> types.add(logType(t.asText())));
    if (args.has("log_type")) types.add(logType(args.get("log_type").asText()));
    if (types.isEmpty()) types.add(LogType.PROGRESS.wireName());

    boolean confirm = args.path("confirm").asBoolean(false);
    boolean dryRun = args.has("dry_run") ? args.get("dry_run").asBoolean() : !confirm;
    String mode = args.has("dry_run_mode") ? args.get("dry_run_mode").asText() : "estimate";
    if (!mode.equals("estimate") && !mode.equals("precise")) {
      throw new ToolException("invalid_argument", "Invalid dry_run_mode '" + mode + "'. Allowed: estimate, precise.");
    }
    ObjectNode meta = null;
    JsonNode m = args.get("custom_metadata");
    if (m != null && !m.isNull()) {
      if (m.isObject()) {
        meta = (ObjectNode) m;
      } else {
        JsonNode parsed;
        try {
          parsed = McpJson.mapper().readTree(m.asText());
        } catch (JsonProcessingException e) {
          throw new ToolException(
              "invalid_argument",
              "Invalid JSON in custom_metadata: " + e.getOriginalMessage() + ". Nothing was rotated.");
        }
        if (parsed == null || !parsed.isObject()) {
          throw new ToolException(
              "invalid_argument", "custom_metadata must be a JSON object. Nothing was rotated.");
        }
        meta = (ObjectNode) parsed;
      }
    }
    Integer threshold = null;
    if (args.path("auto_threshold").asBoolean(false) || args.has("threshold_entries")) {
      threshold = args.has("threshold_entries") ? args.get("threshold_entries").asInt() : DEFAULT_THRESHOLD;
    }
    String format = args.has("format") ? args.get("format").asText() : "structured";
    return new Args(
        List.copyOf(types),
        args.has("suffix") ? args.get("suffix").asText() : null,
        confirm && !dryRun,
        mode,
        meta,
        threshold,
        args.has("project") ? args.get("project").asText() : null,
        format);
  }

  private static String logType(String t) {
    String s = t.trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(s)) {
      throw new ToolException(
          "invalid_argument", "Invalid log type '" + t + "'. Allowed: " + String.join(", ", TYPES) + ".");
    }
    return s;
  }

  // ---- freshness and binding ----------------------------------------------------------------

  private Optional<Binding> binding(String sessionId) {
    return Views.binding(kit, sessions, sessionId);
  }

  private void awaitView(String view) {
    awaitView(view, kit.reads().lastPosition());
  }

  private void awaitView(String view, long position) {
    Views.await(kit, view, position);
  }

  // ---- answer -----------------------------------------------------------------------------

  private static String summaryText(String project, Args a, ArrayNode results) {
    StringBuilder b = new StringBuilder();
    b.append(a.execute() ? "rotate_log" : "rotate_log (dry run)").append(" for '").append(project).append("':");
    for (JsonNode r : results) {
      b.append("\n- ").append(r.get("log_type").asText()).append(": ").append(r.get("status").asText());
      if (r.has("entry_count")) b.append(", ").append(r.get("entry_count").asLong()).append(" entries");
      if (r.has("archived_to")) {
        b.append(a.execute() ? " → " : ", would archive to ").append(r.get("archived_to").asText());
      }
      if (r.has("sequence_number")) b.append(" (rotation ").append(r.get("sequence_number").asLong()).append(')');
      if (r.has("reason")) b.append(" (").append(r.get("reason").asText()).append(')');
    }
    if (!a.execute()) b.append("\nNothing was rotated: pass confirm=true to rotate.");
    return b.toString();
  }

  private static ToolResult reply(String format, ObjectNode out, String summary) {
    String text =
        switch (format) {
          case "readable" -> summary;
          case "both" -> summary + "\n\n" + McpJson.text(out);
          default -> McpJson.text(out);
        };
    return ToolResult.success(out, text);
  }
}
