package dev.scribe.server.importer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.EntryMeta;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Slugs;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.rotation.RotationPlanner;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.DuplicateAppendException;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.mcp.McpJson;
import dev.scribe.projections.markdown.MarkdownDocs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Imports an existing Scribe Markdown log (PROGRESS_LOG.md, BUG_LOG.md, SECURITY_LOG.md, DOC_LOG.md,
 * GLOBAL_PROGRESS_LOG.md — as the Python server wrote them) into the event log without loss.
 *
 * <ul>
 *   <li>Every line of the entry grammar (reference §2.3) becomes one {@link EntryAppended} with its
 *       own timestamp (line form or ISO), agent, emoji, message and meta pairs exactly as written,
 *       so the Markdown view renders it back byte for byte; priority, category, tags and confidence
 *       are derived from the meta where present. A line's {@code [ID: …]} is kept as the entry id
 *       (unless another entry already has it) and rendered again.
 *   <li>The project is registered first (on the {@code projects} stream, with its docs scaffolded)
 *       when it does not exist.
 *   <li>Lines are counted by category: entries, blank, header (text before the first entry),
 *       fenced (code fences and what they hold), unparsable (any other line, reported with its
 *       number and the reason). Nothing is dropped silently.
 *   <li>Each entry is appended with an idempotency key derived from the file's path, the line number
 *       and the line's hash: importing the same file again writes nothing new.
 * </ul>
 *
 * <p>One limitation is reported, not hidden: an entry is the importing project's, so a line whose
 * {@code [Project: X]} names another project renders with the importing project's name (the rest of
 * the line is unchanged); the report lists such lines.
 */
public final class LogImporter {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

  private LogImporter() {}

  /**
   * What to import.
   *
   * @param logType the log's wire name; empty = from the file name
   */
  public record Options(String project, Path root, Path file, Optional<String> logType) {
    public Options {
      requireNonNull(project, "project");
      requireNonNull(root, "root");
      requireNonNull(file, "file");
      requireNonNull(logType, "logType");
    }
  }

  /** One line that was not imported. */
  public record Problem(int lineNumber, String reason, String line) {}

  /** What the import did. */
  public record Report(
      Path file,
      String project,
      String logType,
      boolean projectRegistered,
      int lines,
      int entries,
      int imported,
      int alreadyImported,
      int blank,
      int header,
      int fenced,
      List<Problem> unparsable,
      Map<String, Integer> otherProjects,
      int idsKept,
      List<Integer> idsReplaced,
      List<String> scaffolded) {

    /** The lines of the summary {@code scribe import} prints. */
    public List<String> summary() {
      List<String> out = new ArrayList<>();
      out.add("import " + file + " into project '" + project + "' (log " + logType + ")"
          + (projectRegistered ? ", project registered" : ""));
      for (String s : scaffolded) out.add("  created " + s);
      out.add("lines: " + lines + " = entries " + entries + " + blank " + blank + " + header "
          + header + " + fenced " + fenced + " + unparsable " + unparsable.size());
      out.add("entries: " + imported + " imported, " + alreadyImported + " already imported");
      if (idsKept > 0 || !idsReplaced.isEmpty()) {
        out.add("[ID: …] kept: " + idsKept + (idsReplaced.isEmpty() ? "" : ", replaced (id used by another entry) at lines " + idsReplaced));
      }
      if (!otherProjects.isEmpty()) {
        out.add("lines naming another project (rendered as [Project: " + project + "]): " + otherProjects);
      }
      for (Problem p : unparsable) {
        String shown = p.line().length() > 120 ? p.line().substring(0, 120) + "…" : p.line();
        out.add("unparsable line " + p.lineNumber() + ": " + p.reason() + ": " + shown);
      }
      return out;
    }
  }

  /**
   * Runs the import.
   *
   * @param sessionId recorded on every event ({@code ""}: an operator action)
   * @param executionId ties the events of one import together
   * @throws IllegalArgumentException when the log type cannot be told, the file is not UTF-8, or the
   *     project exists with another root
   */
  public static Report run(
      EventLog log, EventCodec codec, Options o, MarkdownDocs docs, String sessionId, String executionId)
      throws IOException {
    Path file = o.file().toAbsolutePath().normalize();
    Path root = o.root().toAbsolutePath().normalize();
    String logType = o.logType().map(LogImporter::checkType).orElseGet(() -> typeOfFile(file));
    String text = utf8(Files.readAllBytes(file), file);

    // The project: found, or registered now.
    ProjectState state = projectState(log, codec, o.project());
    boolean registered = false;
    List<String> scaffolded = new ArrayList<>();
    if (state.live == null) {
      String slug = Slugs.docsSlug(o.project());
      Path docsDir = docs.docsDir(root, slug);
      Path progress = docsDir.resolve(LogType.PROGRESS.fileName());
      for (ProjectRegistered other : state.others) {
        if (Path.of(other.docsDir()).normalize().equals(docsDir) || Path.of(other.progressLog()).normalize().equals(progress)) {
          throw new IllegalArgumentException(
              "Docs directory '" + docsDir + "' already belongs to project '" + other.name() + "'.");
        }
      }
      for (MarkdownDocs.Doc d : docs.scaffold(o.project(), docsDir, progress, "Scribe", false)) {
        if (d.generated()) scaffolded.add(d.path().toString());
      }
      ProjectRegistered p =
          new ProjectRegistered(
              o.project(), slug, root.toString(), docsDir.toString(), progress.toString(), Map.of(),
              "Scribe", null, List.of());
      log.append(
          new AppendRequest(
              List.of(codec.toNew(p, Streams.PROJECTS, sessionId, executionId)),
              Map.of(Streams.PROJECTS, ExpectedVersion.exactly(state.projectsVersion)),
              Optional.empty()));
      registered = true;
    } else if (!Path.of(state.live.root()).normalize().equals(root)) {
      throw new IllegalArgumentException(
          "Project '" + o.project() + "' is registered with root '" + state.live.root() + "', not '"
              + root + "'.");
    }

    String[] lines = text.split("\n", -1);
    int count = lines.length;
    if (count > 0 && lines[count - 1].isEmpty()) count--; // the final newline ends the last line
    int entries = 0, imported = 0, already = 0, blank = 0, header = 0, fenced = 0, idsKept = 0;
    List<Problem> problems = new ArrayList<>();
    List<Integer> idsReplaced = new ArrayList<>();
    Map<String, Integer> otherProjects = new TreeMap<>();
    Set<String> usedIds = state.entryIds;
    boolean inFence = false;
    boolean seenEntry = false;
    for (int i = 0; i < count; i++) {
      int number = i + 1;
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.stripLeading().startsWith("```")) {
        inFence = !inFence;
        fenced++;
        continue;
      }
      if (inFence) {
        fenced++;
        continue;
      }
      if (line.isBlank()) {
        blank++;
        continue;
      }
      Parsed p = parse(line);
      if (p.problem != null) {
        if (!seenEntry && !line.startsWith("[")) {
          header++;
        } else {
          problems.add(new Problem(number, p.problem, line));
        }
        continue;
      }
      seenEntry = true;
      entries++;
      MarkdownLine m = requireNonNull(p.line);
      String key = keyOf(file, number, line);
      String id = key.substring("import:".length(), "import:".length() + 32);
      String lineId = null;
      if (m.entryId() != null) {
        if (HEX32.matcher(m.entryId()).matches() && usedIds.add(m.entryId())) {
          id = m.entryId();
          lineId = m.entryId();
          idsKept++;
        } else {
          idsReplaced.add(number);
        }
      }
      if (!m.project().equals(o.project())) otherProjects.merge(m.project(), 1, Integer::sum);
      EntryAppended e = entry(o.project(), logType, m, requireNonNull(p.message), id, lineId, p.millis);
      try {
        log.append(
            new AppendRequest(
                List.of(codec.toNew(e, Streams.project(o.project()), sessionId, executionId)),
                Map.of(),
                Optional.of(key)));
        imported++;
      } catch (DuplicateAppendException dup) {
        already++;
      }
    }
    return new Report(
        file, o.project(), logType, registered, count, entries, imported, already, blank, header,
        fenced, problems, otherProjects, idsKept, idsReplaced, scaffolded);
  }

  /** A line read as an entry, or why not. */
  private record Parsed(
      @Nullable MarkdownLine line, @Nullable String message, long millis, @Nullable String problem) {
    static Parsed fail(String why) {
      return new Parsed(null, null, 0, why);
    }
  }

  private static Parsed parse(String line) {
    Optional<MarkdownLine> parsed = MarkdownLine.parse(line);
    if (parsed.isEmpty()) {
      return Parsed.fail(
          line.matches("^\\[[^\\]]+\\] \\[exec:.*")
              ? "a sentinel log line, not a project log entry"
              : "not a log entry line");
    }
    MarkdownLine m = parsed.get();
    Optional<Instant> at = Timestamps.parseLineTimestamp(m.timestamp());
    if (at.isEmpty()) return Parsed.fail("timestamp '" + m.timestamp() + "' is not a time");
    for (MetaPair pair : m.meta()) {
      if (pair.key().isEmpty()) return Parsed.fail("text after ' | ' that is not key=value metadata");
    }
    // Python lines never escaped their message; take it as written unless only its unescaped
    // reading renders back to the same line (a message holding "\|" or "\n" as text).
    String raw = m.message();
    for (String message : List.of(raw, MarkdownLine.unescapeMessage(raw))) {
      MarkdownLine candidate =
          new MarkdownLine(m.emoji(), m.timestamp(), m.agent(), m.project(), m.entryId(), message, m.meta());
      if (candidate.render().equals(line)) {
        return new Parsed(m, message, at.get().toEpochMilli(), null);
      }
    }
    return Parsed.fail("would not render back unchanged (spacing around '|' or escapes)");
  }

  private static EntryAppended entry(
      String project, String logType, MarkdownLine m, String message, String id,
      @Nullable String lineId, long millis) {
    List<MetaPair> meta = m.meta();
    Optional<Status> status = Status.ofEmoji(m.emoji());
    String priority =
        Optional.ofNullable(EntryMeta.get(meta, "priority"))
            .flatMap(Priority::parse)
            .or(() -> status.map(Status::inferredPriority))
            .orElse(Priority.MEDIUM)
            .wireName();
    String category =
        Optional.ofNullable(EntryMeta.get(meta, "category")).flatMap(Category::parse).map(Category::wireName).orElse(null);
    Double confidence = null;
    String c = EntryMeta.get(meta, "confidence");
    if (c != null) {
      try {
        double d = Double.parseDouble(c.trim());
        if (d >= 0.0 && d <= 1.0) confidence = d;
      } catch (NumberFormatException e) {
        // not a number: left in the meta only
      }
    }
    List<String> tags = tags(EntryMeta.get(meta, "tags"));
    String rendered =
        new MarkdownLine(m.emoji(), m.timestamp(), m.agent(), project, lineId, message, meta).render();
    return new EntryAppended(
        id, project, logType, List.of(), m.timestamp(), millis, m.emoji(), null, m.agent(), message,
        meta, priority, category, tags, confidence, RotationPlanner.sha256Hex(rendered.getBytes(UTF_8)));
  }

  private static List<String> tags(@Nullable String value) {
    if (value == null || !value.trim().startsWith("[")) return List.of();
    try {
      JsonNode n = McpJson.mapper().readTree(value);
      if (n == null || !n.isArray()) return List.of();
      List<String> out = new ArrayList<>();
      for (JsonNode t : n) {
        if (!t.isTextual()) return List.of();
        out.add(t.asText());
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  // ---- the log's view of the project --------------------------------------------------------

  private static final class ProjectState {
    @Nullable ProjectRegistered live;
    final List<ProjectRegistered> others = new ArrayList<>();
    long projectsVersion;
    final Set<String> entryIds = new HashSet<>();
  }

  private static ProjectState projectState(EventLog log, EventCodec codec, String project) {
    ProjectState s = new ProjectState();
    Map<String, ProjectRegistered> live = new TreeMap<>();
    log.forEach(
        1,
        e -> {
          if (e.stream().equals(Streams.PROJECTS)) {
            s.projectsVersion = e.streamVersion();
            ScribeEvent ev = codec.decode(e);
            if (ev instanceof ProjectRegistered r) live.put(r.name(), r);
            else if (ev instanceof ProjectDeleted d) live.remove(d.name());
          } else if (e.type().equals("EntryAppended")) {
            s.entryIds.add(((EntryAppended) codec.decode(e)).entryId());
          }
        });
    s.live = live.remove(project);
    s.others.addAll(live.values());
    return s;
  }

  // ---- small rules --------------------------------------------------------------------------

  /** The log type a file name tells: GLOBAL_PROGRESS_LOG, PROGRESS_LOG, BUG_LOG, SECURITY_LOG, DOC_LOG. */
  static String typeOfFile(Path file) {
    String n = file.getFileName().toString().toUpperCase(Locale.ROOT);
    if (n.contains("GLOBAL_PROGRESS_LOG")) return LogType.GLOBAL.wireName();
    if (n.contains("PROGRESS_LOG")) return LogType.PROGRESS.wireName();
    if (n.contains("BUG_LOG")) return LogType.BUGS.wireName();
    if (n.contains("SECURITY_LOG")) return LogType.SECURITY.wireName();
    if (n.contains("DOC_LOG")) return LogType.DOC_UPDATES.wireName();
    throw new IllegalArgumentException(
        "Cannot tell the log type of '" + file.getFileName() + "' from its name; pass --log-type "
            + "progress|bugs|security|doc_updates|global.");
  }

  private static String checkType(String t) {
    return LogType.parse(t)
        .map(LogType::wireName)
        .orElseThrow(() -> new IllegalArgumentException(
            "Unknown log type '" + t + "'; use progress, bugs, security, doc_updates or global."));
  }

  private static String utf8(byte[] bytes, Path file) {
    try {
      return UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text: " + e.getMessage(), e);
    }
  }

  private static String sha(String s) {
    return RotationPlanner.sha256Hex(s.getBytes(UTF_8));
  }

  /** The idempotency key of line {@code number} of {@code file}: path, line number, line hash. */
  static String keyOf(Path file, int number, String line) {
    return "import:" + sha(file.toAbsolutePath().normalize() + "\n" + number + "\n" + sha(line));
  }
}
