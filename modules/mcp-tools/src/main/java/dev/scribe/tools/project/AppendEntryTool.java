package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.AppendEntries;
import dev.scribe.domain.entry.AutoSplit;
import dev.scribe.domain.entry.EntryInput;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.entry.Reminder;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.project.Binding;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.DuplicateAppendException;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ports.LogSegments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code append_entry} (reference §3.6, B30–B47): one entry, a bulk ({@code items} as a JSON
 * string or {@code items_list}), or a multi-line message split into one entry per line. All the
 * entries of a call are one atomic batch on the project's stream, appended only if the caller's
 * binding and the registry are still what the decision saw (so no entry ever lands in a project
 * the session was not bound to, or one deleted meanwhile). Bad input writes nothing and gets a
 * specific error; there is no "emergency" entry.
 *
 * <p>{@code idempotency_key}: the batch carries {@code <session>:<key>}; a retry with the same key
 * writes nothing and answers the original entries, read back from the log.
 */
final class AppendEntryTool {
  static final String NAME = "append_entry";
  static final String NO_CONTENT = "Either 'message', 'items', or 'items_list' must be provided";

  private static final Set<String> ITEM_KEYS =
      Set.of("message", "status", "emoji", "agent", "meta", "timestamp_utc", "log_type",
          "priority", "category", "tags", "confidence");

  private AppendEntryTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ObjectNode meta =
        Schemas.anyOf(
            "key/value metadata: an object, a JSON-object string, [[key, value], …] (or its JSON"
                + " string), or \"k=v,k2=v2\"",
            Schemas.anyObject(""), Schemas.string(""), Schemas.array("", Schemas.any("")));
    ObjectNode tags =
        Schemas.anyOf("tags: a list or a comma-separated string",
            Schemas.array("", Schemas.string("")), Schemas.string(""));
    ObjectNode confidence = Schemas.number("0 to 1 (outside: 1.0, with a warning)");
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Log a step to this session's project (call set_project first). One entry, or a bulk"
                + " via items_list (or items as a JSON string); a multi-line message becomes one"
                + " entry per line. status picks the emoji and priority; bugs/security entries are"
                + " also copied to BUG_LOG/SECURITY_LOG when their meta is complete.",
            Schemas.object()
                .prop("message", Schemas.string("the entry text, stored exactly"))
                .prop("status", Schemas.string("info, success, warn, error, bug or plan"))
                .prop("emoji", Schemas.string("overrides the status emoji"))
                .prop("agent", Schemas.string("display name of the agent (data, not identity)"))
                .prop("meta", meta)
                .prop("timestamp_utc", Schemas.string("YYYY-MM-DD HH:MM:SS UTC or ISO-8601 (default now; the bulk base)"))
                .prop("items", Schemas.string("bulk: a JSON array of entry objects"))
                .prop("items_list", Schemas.array("bulk: entry objects (message, status, emoji, agent, meta, timestamp_utc, log_type, priority, category, tags, confidence)", Schemas.any("")))
                .prop("auto_split", Schemas.bool("split a multi-line message into one entry per line (default true)"))
                .prop("split_delimiter", Schemas.string("the line delimiter (default \\n)"))
                .prop("stagger_seconds", Schemas.integer("bulk: item i gets base + i·stagger (default 1)", 0))
                .prop("log_type", Schemas.string("progress (default), doc_updates, bugs, security, global"))
                .prop("priority", Schemas.string("critical, high, medium, low (default from status)"))
                .prop("category", Schemas.string("decision, investigation, bug, implementation, test, milestone, config, security, performance, documentation"))
                .prop("tags", tags)
                .prop("confidence", confidence)
                .prop("idempotency_key", Schemas.string("retry-safe key: the same key again writes nothing and answers the original"))
                .prop("format", Format.schema("readable"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("project_name", Schemas.string(""))
                .prop("id", Schemas.string("the entry id (single mode)"))
                .prop("written_line", Schemas.string("the Markdown line (single mode)"))
                .prop("path", Schemas.string("the primary log file"))
                .prop("paths", Schemas.array("every file the line goes to", Schemas.string("")))
                .prop("bulk_mode", Schemas.bool(""))
                .prop("written_count", Schemas.integer(""))
                .prop("failed_count", Schemas.integer(""))
                .prop("results", Schemas.array("bulk: one result per written entry", Schemas.anyObject("")))
                .prop("failed_items", Schemas.array("bulk: refused items", Schemas.anyObject("")))
                .prop("reminders", Schemas.array("", Schemas.anyObject("")))
                .prop("warnings", Schemas.array("", Schemas.string("")))
                .build(),
            ToolAnnotations.forAppends(false));
    return new ToolBinding(def, call -> ProjectContext.run(() -> call(ctx, call)));
  }

  /** The parsed call: the command and its idempotency key. */
  private record Parsed(AppendEntries.Command command, Optional<String> idempotencyKey, Format format) {}

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Parsed parsed = parse(new Args(call.arguments()));
    String bindingStream = Streams.binding(call.sessionId());
    Instant now = ctx.kit.clock().instant();
    for (int attempt = 1; ; attempt++) {
      Optional<Binding> binding = ctx.binding(call.sessionId());
      ProjectsView registry = ctx.registry();
      long registryVersion = registry.version();
      Project project = Bindings.resolve(binding, registry);
      AppendEntries.Decision d =
          AppendEntries.decide(parsed.command(), project, now, ctx.kit.ids());
      if (d.written().isEmpty()) return nothingWritten(d);
      EventWriter.Batch batch = EventWriter.batch();
      String stream = Streams.project(project.name());
      List<LogRotated> rotations = rotations(ctx, project, d, now, batch);
      for (LogRotated r : rotations) batch.add(stream, r);
      for (EntryAppended e : d.events()) batch.add(stream, e);
      batch.expect(bindingStream, ExpectedVersion.exactly(binding.get().version()));
      batch.expect(Streams.PROJECTS, ExpectedVersion.exactly(registryVersion));
      parsed.idempotencyKey().ifPresent(k -> batch.idempotencyKey(call.sessionId() + ":" + k));
      try {
        ctx.kit.writer().append(call, batch);
      } catch (ExpectedVersionMismatchException e) {
        if (attempt >= ProjectContext.ATTEMPTS) {
          throw new DomainException(
              Codes.CONFLICT,
              "This session's binding or the project registry kept changing during the call ("
                  + e.getMessage() + "); nothing was written. Check get_project and retry.");
        }
        continue;
      } catch (DuplicateAppendException dup) {
        return replay(ctx, parsed, project, dup.original());
      }
      ToolResult result =
          reply(parsed.format(), project, d.written(), d.failed(), parsed.command().bulk(), false);
      if (!rotations.isEmpty() && result instanceof ToolResult.Success ok) {
        ArrayNode rotated = ok.structuredContent().putArray("rotations");
        for (LogRotated r : rotations) {
          rotated.addObject().put("log_type", r.logType()).put("log_path", r.logPath())
              .put("archive_path", r.archivePath()).put("archive_sha256", r.archiveSha256());
        }
      }
      return result;
    }
  }

  /**
   * Size-triggered rotation (reference §3.6 step 5, B46): every log this batch writes whose
   * current segment reached {@code SCRIBE_LOG_MAX_BYTES} is rotated first, by a {@code LogRotated}
   * in the same batch, expecting the stream versions the segment's hash describes (so no entry
   * slips in between). The common case costs one look at each segment; only a segment that looks
   * due makes the call wait for the Markdown view to catch up and look again. A segment the view
   * has not caught up with yet may be rotated one append later than the threshold.
   */
  private static List<LogRotated> rotations(
      ProjectContext ctx, Project project, AppendEntries.Decision d, Instant now,
      EventWriter.Batch batch) {
    if (ctx.logMaxBytes <= 0 || ctx.segments.isEmpty()) return List.of();
    LogSegments segments = ctx.segments.get();
    Set<LogType> files = new LinkedHashSet<>();
    for (EntryAppended e : d.events()) {
      files.add(LogType.fileOf(e.logType()));
      for (String t : e.teeLogTypes()) files.add(LogType.fileOf(t));
    }
    List<LogRotated> out = new ArrayList<>();
    boolean awaited = false;
    for (LogType t : files) {
      // The lock-free size hint first: almost every append needs no rotation.
      if (segments.sizeHint(project.name(), t.wireName()) < ctx.logMaxBytes) continue;
      Optional<Segment> seg = segments.current(project.name(), t.wireName());
      if (seg.isEmpty() || !RotationPlanner.dueForAutoRotation(seg.get(), ctx.logMaxBytes)) continue;
      if (!awaited) {
        ctx.await(segments.viewName());
        awaited = true;
        seg = segments.current(project.name(), t.wireName());
        if (seg.isEmpty() || !RotationPlanner.dueForAutoRotation(seg.get(), ctx.logMaxBytes)) continue;
      }
      Segment s = seg.get();
      String archive = RotationPlanner.autoArchivePath(s.logPath(), now, segments::pathTaken);
      out.add(RotationPlanner.rotation(s, AppendEntries.entryId(ctx.kit.ids().get()), archive));
      s.streamVersions().forEach((stream, v) -> batch.expect(stream, ExpectedVersion.exactly(v)));
    }
    return out;
  }

  // ---- arguments ---------------------------------------------------------------------------

  private static Parsed parse(Args a) {
    Format format = Format.parse(a, Format.READABLE);
    Optional<String> key = Optional.ofNullable(a.string("idempotency_key"));
    if (key.isPresent() && (key.get().isBlank() || key.get().length() > 200)) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT, "Invalid idempotency_key: 1 to 200 characters are expected.");
    }
    EntryInput parent = entry(a, null, false);
    String message = a.string("message");
    String base = a.string("timestamp_utc");
    Long stagger = a.integer("stagger_seconds");
    long staggerSeconds = stagger == null ? 1 : stagger;
    boolean hasItems = a.has("items");
    boolean hasList = a.has("items_list");
    if (hasItems && hasList) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT, "Give either 'items' or 'items_list', not both.");
    }
    if (hasItems || hasList) {
      if (message != null && !message.isBlank()) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Give either 'message' or 'items'/'items_list', not both (the items carry their own"
                + " messages).");
      }
      JsonNode items = hasList ? a.raw("items_list") : itemsFromJson(a.string("items"));
      if (items == null || !items.isArray()) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT, "Invalid items: a JSON array of entry objects is expected.");
      }
      if (items.isEmpty()) {
        throw new DomainException(Codes.INVALID_ARGUMENT, "Invalid items: the list is empty.");
      }
      List<EntryInput> inputs = new ArrayList<>(items.size());
      for (JsonNode item : items) inputs.add(item(item).inheriting(parent));
      return new Parsed(new AppendEntries.Command(inputs, true, base, staggerSeconds), key, format);
    }
    if (message == null || message.isBlank()) {
      throw new DomainException(Codes.INVALID_ARGUMENT, NO_CONTENT);
    }
    if (a.bool("auto_split", true)) {
      List<String> parts = AutoSplit.parts(message, a.string("split_delimiter", "\n"));
      if (parts.size() > 1) {
        List<EntryInput> inputs = new ArrayList<>(parts.size());
        for (String p : parts) inputs.add(parent.withMessage(p, true));
        return new Parsed(new AppendEntries.Command(inputs, true, base, staggerSeconds), key, format);
      }
      if (parts.size() == 1) message = parts.get(0);
    }
    return new Parsed(
        new AppendEntries.Command(List.of(parent.withMessage(message, false)), false, base, staggerSeconds),
        key, format);
  }

  private static JsonNode itemsFromJson(String json) {
    try {
      return McpJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT, "Invalid JSON in items parameter: " + e.getOriginalMessage());
    }
  }

  /** One bulk item; one that cannot be read is refused on its own (B43). */
  private static EntryInput item(JsonNode item) {
    if (!item.isObject()) return EntryInput.unreadable("Item must be an object, got: " + item);
    for (var it = item.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ITEM_KEYS.contains(k)) {
        return EntryInput.unreadable(
            "Unknown key '" + k + "' in item; allowed: " + String.join(", ", new TreeSet<>(ITEM_KEYS)) + ".");
      }
    }
    try {
      Args args = new Args((ObjectNode) item);
      return entry(args, args.string("timestamp_utc"), false);
    } catch (DomainException e) {
      return EntryInput.unreadable(e.getMessage());
    }
  }

  /** The entry fields of an argument object (the call itself, or one item). */
  private static EntryInput entry(Args a, @Nullable String timestamp, boolean detect) {
    Map<String, String> meta = MetaArgs.parse("meta", a.raw("meta"));
    return new EntryInput(
        a.string("message"),
        a.string("status"),
        a.string("emoji"),
        a.string("agent"),
        meta,
        timestamp,
        a.string("log_type"),
        a.string("priority"),
        a.string("category"),
        a.strings("tags"),
        a.number("confidence"),
        detect,
        null);
  }

  // ---- answers -----------------------------------------------------------------------------

  private static ToolResult nothingWritten(AppendEntries.Decision d) {
    Set<String> codes = new TreeSet<>();
    StringBuilder why = new StringBuilder("No entry was written: ");
    ArrayNode failed = McpJson.mapper().createArrayNode();
    for (int i = 0; i < d.failed().size(); i++) {
      AppendEntries.Failed f = d.failed().get(i);
      codes.add(f.code());
      if (i > 0) why.append("; ");
      why.append("item ").append(f.index() + 1).append(": ").append(f.error());
      failed.addObject().put("index", f.index()).put("code", f.code()).put("error", f.error());
    }
    ObjectNode details = McpJson.object();
    details.put("bulk_mode", true);
    details.put("written_count", 0);
    details.put("failed_count", d.failed().size());
    details.set("failed_items", failed);
    String code = codes.size() == 1 ? codes.iterator().next() : Codes.INVALID_ARGUMENT;
    return ToolResult.error(code, why.toString(), details);
  }

  private static ObjectNode entryJson(AppendEntries.Written w) {
    EntryAppended e = w.event();
    ObjectNode o = McpJson.object();
    o.put("id", e.entryId());
    o.put("written_line", w.line());
    o.set("meta", EntryJson.meta(e.meta()));
    o.put("path", w.path());
    o.set("paths", EntryJson.strings(w.paths()));
    o.put("timestamp", e.timestamp());
    o.put("log_type", e.logType());
    o.put("content_sha256", e.contentSha256());
    o.set("reminders", EntryJson.reminders(w.reminders()));
    o.set("warnings", EntryJson.strings(w.warnings()));
    return o;
  }

  private static ToolResult reply(
      Format format,
      Project project,
      List<AppendEntries.Written> written,
      List<AppendEntries.Failed> failed,
      boolean bulk,
      boolean replayed) {
    ObjectNode out = McpJson.object();
    out.put("ok", true);
    out.put("project_name", project.name());
    if (replayed) out.put("idempotent_replay", true);
    StringBuilder text = new StringBuilder();
    if (!bulk) {
      AppendEntries.Written w = written.get(0);
      ObjectNode e = entryJson(w);
      e.properties().forEach(p -> out.set(p.getKey(), p.getValue()));
      text.append(replayed ? "Already logged (same idempotency_key) to " : "Logged to ")
          .append(w.path()).append(":\n").append(w.line());
      for (Reminder r : w.reminders()) text.append("\nReminder: ").append(r.message());
      for (String s : w.warnings()) text.append("\nWarning: ").append(s);
      return format.reply(out, text.toString());
    }
    out.put("bulk_mode", true);
    out.put("processed", written.size() + failed.size());
    out.put("successful", written.size());
    out.put("failed", failed.size());
    out.put("written_count", written.size());
    out.put("failed_count", failed.size());
    ArrayNode results = out.putArray("results");
    ArrayNode lines = out.putArray("written_lines");
    TreeSet<String> paths = new TreeSet<>();
    List<Reminder> reminders = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (AppendEntries.Written w : written) {
      results.add(entryJson(w));
      lines.add(w.line());
      paths.addAll(w.paths());
      reminders.addAll(w.reminders());
      for (String s : w.warnings()) warnings.add("item " + (w.index() + 1) + ": " + s);
    }
    ArrayNode failedItems = out.putArray("failed_items");
    for (AppendEntries.Failed f : failed) {
      failedItems.addObject().put("index", f.index()).put("code", f.code()).put("error", f.error());
    }
    out.put("path", written.get(0).path());
    out.set("paths", EntryJson.strings(List.copyOf(paths)));
    out.set("reminders", EntryJson.reminders(reminders));
    out.set("warnings", EntryJson.strings(warnings));
    if (!failed.isEmpty()) out.put("warning", failed.size() + " items failed to process");
    text.append(replayed ? "Already logged (same idempotency_key): " : "Logged ")
        .append(written.size()).append(" of ").append(written.size() + failed.size())
        .append(" entries to ").append(project.name()).append(':');
    for (AppendEntries.Written w : written) text.append("\n").append(w.line());
    for (AppendEntries.Failed f : failed) {
      text.append("\nFailed item ").append(f.index() + 1).append(": ").append(f.error());
    }
    for (Reminder r : reminders) text.append("\nReminder: ").append(r.message());
    for (String s : warnings) text.append("\nWarning: ").append(s);
    return format.reply(out, text.toString());
  }

  /** The answer to a retried idempotency key: the original entries, read back from the log. */
  private static ToolResult replay(
      ProjectContext ctx, Parsed parsed, Project current, AppendResult original) {
    List<StoredEvent> stored = ctx.kit.reads().readForward(original.firstPosition(), original.size());
    List<AppendEntries.Written> written = new ArrayList<>();
    Project project = current;
    for (StoredEvent s : stored) {
      ScribeEvent ev = ctx.kit.codec().decode(s);
      if (!(ev instanceof EntryAppended e)) continue;
      if (!e.project().equals(project.name())) {
        project = ctx.projects.find(e.project()).orElse(project);
      }
      String path = project.logPath(e.logType());
      TreeSet<String> paths = new TreeSet<>();
      paths.add(path);
      for (String t : e.teeLogTypes()) paths.add(project.logPath(t));
      written.add(
          new AppendEntries.Written(written.size(), e, EntryJson.line(e), path, List.copyOf(paths),
              List.of(), List.of()));
    }
    if (written.isEmpty()) {
      throw new DomainException(
          Codes.CONFLICT, "The idempotency_key was used by a call that wrote no entry.");
    }
    boolean bulk = parsed.command().bulk() || written.size() > 1;
    return reply(parsed.format(), project, written, List.of(), bulk, true);
  }
}
