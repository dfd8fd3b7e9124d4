package dev.scribe.tools.files;

import dev.scribe.tools.Views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.ReadFileFailed;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.project.Binding;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.SessionState;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ports.RepositoryFiles;
import dev.scribe.tools.ports.RepositoryFiles.Chunk;
import dev.scribe.tools.ports.RepositoryFiles.Outcome;
import dev.scribe.tools.ports.RepositoryFiles.SearchMode;
import dev.scribe.tools.ports.RepositoryFiles.Spec;
import dev.scribe.tools.sentinel.SentinelSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@code read_file}, both modes (reference §3.9; issue 5). Relative paths resolve against the
 * sentinel session's repository or, in project mode, the bound project's root (never the server's
 * directory). The handler parses the arguments into a {@link Spec}, asks {@link RepositoryFiles}
 * (which does all the I/O) and records the outcome:
 *
 * <ul>
 *   <li>success: one {@code FileRead} with the scan, the mode and the range (sentinel day stream, or
 *       the project's stream, where the project's Markdown view shows it);
 *   <li>a path the policy denies: an error and a {@code ScopeViolation} (sentinel day stream, or the
 *       session's stream);
 *   <li>a missing file, an invalid regex, an unreadable file: an error and a {@code ReadFileFailed};
 *   <li>arguments the file makes impossible (a chunk past the end, a range over the byte cap): an
 *       {@code invalid_argument} error, nothing recorded.
 * </ul>
 */
public final class ReadFileTool {
  public static final String NAME = "read_file";
  public static final long READ_MAX_BYTES = 256 * 1024;
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
  static final List<String> MODES =
      List.of("scan_only", "chunk", "line_range", "page", "full_stream", "search", "read");

  private ReadFileTool() {}

  public static ToolBinding binding(SentinelSupport s, ProjectsView projects) {
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Reads a repository file with provenance (every read is recorded with the file's SHA-256)."
                + " Modes: scan_only (default: size, lines, sha256, newline type, encoding, chunk count),"
                + " chunk (chunk_index), full_stream (start_chunk, max_chunks), line_range (start_line,"
                + " end_line), page (page_number, page_size), search (search, search_mode literal|regex|"
                + "fuzzy|smart, context_lines before and after), read (the whole file as consecutive chunks"
                + " from start_chunk, at most max_bytes of content per answer; continue with"
                + " next_chunk_index until it is null). Chunks are 200 lines or at most 128 KiB. Relative"
                + " paths resolve against the sentinel repository or the bound project's root; .env, .git/,"
                + " .scribe/registry/, ~/.ssh, /etc, /proc, /sys and paths outside the root are refused.",
            Schemas.object()
                .req("path", Schemas.string("repository-relative or absolute path"))
                .prop("mode", Schemas.string("scan_only (default), chunk, line_range, page, full_stream, search, read"))
                .prop("chunk_index", Schemas.anyOf("chunk: indexes (default [0])",
                    Schemas.integer(""), Schemas.array("", Schemas.integer("")), Schemas.string("")))
                .prop("start_chunk", Schemas.integer("full_stream, read: first chunk (default 0)", 0))
                .prop("max_chunks", Schemas.integer("full_stream: chunks to return (default page_size or 1)", 1))
                .prop("start_line", Schemas.integer("line_range: first line, 1-based", 1))
                .prop("end_line", Schemas.integer("line_range: last line, inclusive", 1))
                .prop("page_number", Schemas.integer("page: 1-based", 1))
                .prop("page_size", Schemas.integer("page: lines per page (default 50)", 1))
                .prop("search", Schemas.string("search: the pattern"))
                .prop("search_mode", Schemas.stringEnum("search: default literal", List.of("literal", "regex", "fuzzy", "smart")))
                .prop("case_insensitive", Schemas.bool("search: default true for fuzzy, else false"))
                .prop("context_lines", Schemas.integer("search: lines of context before and after (default 0)", 0))
                .prop("max_matches", Schemas.integer("search: default 200", 1))
                .prop("fuzzy_threshold", Schemas.number("search: fuzzy similarity 0..1 (default 0.7)"))
                .prop("max_bytes", Schemas.integer("content bytes per answer (read: default 262144; others 1048576); at least 131072", 131072))
                .prop("agent", Schemas.string("agent display name, recorded with the read"))
                .prop("format", Schemas.stringEnum("the text block: readable (default) = summary and content;"
                    + " structured, compact, both = the JSON result", List.of("readable", "structured", "compact", "both")))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("mode", Schemas.string(""))
                .req("scan", Schemas.anyObject("absolute_path, repo_relative_path, byte_size, line_count, sha256, newline_type, encoding, estimated_chunk_count"))
                .prop("has_frontmatter", Schemas.bool(""))
                .prop("frontmatter", Schemas.anyObject(""))
                .prop("frontmatter_raw", Schemas.string(""))
                .prop("frontmatter_line_count", Schemas.integer(""))
                .prop("frontmatter_byte_count", Schemas.integer(""))
                .prop("frontmatter_error", Schemas.string(""))
                .prop("chunks", Schemas.array("", Schemas.anyObject("")))
                .prop("chunk", Schemas.anyObject(""))
                .prop("next_chunk_index", Schemas.any("the next chunk to ask for; null at the end"))
                .prop("page_number", Schemas.integer(""))
                .prop("page_size", Schemas.integer(""))
                .prop("matches", Schemas.array("", Schemas.anyObject("")))
                .prop("max_matches", Schemas.integer(""))
                .prop("total_matches", Schemas.integer("every match in the file"))
                .prop("matches_truncated", Schemas.bool("true when matches holds fewer than total_matches"))
                .prop("search_mode_resolved", Schemas.string(""))
                .prop("reminders", Schemas.array("", Schemas.anyObject("")))
                .build(),
            ToolAnnotations.forReads());
    return new ToolBinding(def, call -> run(s, projects, call));
  }

  private static CompletionStage<ToolResult> run(SentinelSupport s, ProjectsView projects, ToolCall call) {
    try {
      return CompletableFuture.completedFuture(read(s, projects, call));
    } catch (ToolException e) {
      return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage(), e.details()));
    } catch (DomainException e) {
      return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage()));
    }
  }

  /** Where a read resolves and is recorded. */
  private record Scope(String mode, String repoRoot, @Nullable String project, String recordStream, String violationStream) {}

  private static ToolResult read(SentinelSupport s, ProjectsView projects, ToolCall call) {
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String path = a.required("path");
    String mode = a.string("mode", "scan_only").trim().toLowerCase(Locale.ROOT);
    if (!MODES.contains(mode)) {
      throw new ToolException("invalid_argument", "Unsupported read mode '" + a.string("mode") + "'");
    }
    Parsed p = parse(a, mode);
    Scope scope = scope(s, projects, call);
    String agent = a.string("agent", "");
    Outcome o = s.files().read(new RepositoryFiles.Request(scope.repoRoot(), path, p.spec()));
    if (o instanceof RepositoryFiles.Invalid inv) throw new ToolException("invalid_argument", inv.message());
    if (o instanceof RepositoryFiles.Denied d) {
      s.kit().writer().append(call, EventWriter.batch().add(scope.violationStream(),
          new ScopeViolation(NAME, d.reason(), scope.mode(), path, scope.repoRoot())));
      ObjectNode details = McpJson.object();
      details.put("reason", d.reason());
      details.put("absolute_path", d.absolutePath());
      putNullable(details, "repo_relative_path", d.repoRelativePath());
      throw new ToolException("read_file_denied",
          "read_file denied: " + d.reason() + " (" + d.absolutePath() + ")", details);
    }
    if (o instanceof RepositoryFiles.Failed f) {
      s.kit().writer().append(call, EventWriter.batch().add(scope.recordStream(),
          new ReadFileFailed(path, f.absolutePath(), f.error(), f.details(), scope.project(), scope.repoRoot())));
      ObjectNode details = McpJson.object();
      details.put("absolute_path", f.absolutePath());
      putNullable(details, "repo_relative_path", f.repoRelativePath());
      if (f.details() != null) details.put("details", f.details());
      String code = switch (f.error()) {
        case "file not found" -> "not_found";
        case "invalid regex" -> "invalid_regex";
        default -> "read_error";
      };
      String msg = f.details() != null ? f.details() : f.error() + ": " + path;
      throw new ToolException(code, "file not found".equals(f.error()) ? "file not found: " + path : msg, details);
    }
    RepositoryFiles.Success ok = (RepositoryFiles.Success) o;
    ObjectNode range = p.range();
    if ("read".equals(mode)) {
      range.put("chunks_returned", ok.chunks().size());
      if (ok.nextChunkIndex() == null) range.putNull("next_chunk_index");
      else range.put("next_chunk_index", ok.nextChunkIndex());
    }
    RepositoryFiles.Scan sc = ok.scan();
    s.kit().writer().append(call, EventWriter.batch().add(scope.recordStream(),
        new FileRead(mode, sc.absolutePath(), sc.repoRelativePath(), sc.byteSize(), sc.lineCount(),
            sc.sha256(), sc.newlineType(), sc.encoding(), sc.estimatedChunkCount(), range.toString(),
            agent, scope.project(), scope.repoRoot())));
    ToolResult answer = answer(mode, p, ok);
    String format = a.string("format", "readable");
    if (!"readable".equals(format) && answer instanceof ToolResult.Success success) {
      return ToolResult.success(success.structuredContent(), success.structuredContent().toString());
    }
    return answer;
  }

  // ---- scope ------------------------------------------------------------------------------------

  private static Scope scope(SentinelSupport s, ProjectsView projects, ToolCall call) {
    Optional<SessionState> st = s.session(call.sessionId());
    if (st.isPresent() && st.get().isSentinel() && st.get().repoRoot() != null) {
      String root = st.get().repoRoot();
      String day = RepoIds.day(s.kit().clock().instant());
      String stream = Streams.sentinelDay(RepoIds.of(root), day);
      return new Scope(Modes.SENTINEL, root, null, stream, stream);
    }
    Project project = boundProject(s, projects, call.sessionId());
    return new Scope(Modes.PROJECT, project.root(), project.name(), Streams.project(project.name()),
        Streams.calls(call.sessionId()));
  }

  /** The caller's bound project, through its own binding only (domain {@link Bindings}). */
  private static Project boundProject(SentinelSupport s, ProjectsView projects, String sessionId) {
    Optional<Binding> binding = Views.binding(s.kit(), s.sessions(), sessionId);
    s.await(ProjectsView.NAME);
    return Bindings.resolve(binding, projects);
  }

  // ---- arguments --------------------------------------------------------------------------------

  private record Parsed(Spec spec, ObjectNode range, @Nullable String searchModeResolved, int maxMatches, long page, int pageSize) {}

  private static Parsed parse(SentinelSupport.Args a, String mode) {
    ObjectNode range = McpJson.object();
    long maxBytes = a.integer("max_bytes", "read".equals(mode) ? READ_MAX_BYTES : DEFAULT_MAX_BYTES,
        RepositoryFiles.CHUNK_BYTES, 64L * 1024 * 1024);
    switch (mode) {
      case "chunk": {
        List<Integer> idx = chunkIndexes(a);
        ArrayNode arr = range.putArray("chunk_index");
        idx.forEach(arr::add);
        return new Parsed(new Spec.Chunks(idx), range, null, 0, 0, 0);
      }
      case "full_stream": {
        List<Integer> idx = a.has("chunk_index") ? chunkIndexes(a) : List.of();
        Long sc = a.integer("start_chunk");
        long start = sc != null ? sc : idx.isEmpty() ? 0 : idx.get(0);
        if (start < 0) throw new ToolException("invalid_argument", "start_chunk must be >= 0");
        Long mc = a.integer("max_chunks");
        long max = mc != null ? mc : a.integer("page_size", 1, 1, 10_000);
        if (max < 1) throw new ToolException("invalid_argument", "max_chunks must be >= 1");
        range.put("start_chunk", start);
        range.put("max_chunks", max);
        return new Parsed(new Spec.FullStream((int) start, (int) Math.min(max, 100_000)), range, null, 0, 0, 0);
      }
      case "line_range": {
        Long st = a.integer("start_line");
        Long en = a.integer("end_line");
        if (st == null || en == null) {
          throw new ToolException("invalid_argument", "start_line and end_line required for line_range");
        }
        if (st < 1 || en < st) throw new ToolException("invalid_argument", "invalid line range");
        range.put("line_start", st);
        range.put("line_end", en);
        return new Parsed(new Spec.LineRange(st, en, maxBytes), range, null, 0, 0, 0);
      }
      case "page": {
        Long pn = a.integer("page_number");
        if (pn == null) throw new ToolException("invalid_argument", "page_number required for page mode");
        if (pn < 1) throw new ToolException("invalid_argument", "page_number must be >= 1");
        int size = (int) a.integer("page_size", 50, 1, 100_000);
        range.put("page_number", pn);
        range.put("page_size", size);
        return new Parsed(new Spec.Page(pn, size, maxBytes), range, null, 0, pn, size);
      }
      case "search": {
        String pattern = a.string("search");
        if (pattern == null || pattern.isEmpty()) {
          throw new ToolException("invalid_argument", "search pattern required for search mode");
        }
        String sm = a.string("search_mode", "literal").toLowerCase(Locale.ROOT);
        SearchMode resolved;
        switch (sm) {
          case "literal" -> resolved = SearchMode.LITERAL;
          case "regex" -> resolved = SearchMode.REGEX;
          case "fuzzy" -> resolved = SearchMode.FUZZY;
          case "smart" -> resolved = pattern.chars().anyMatch(c -> ".^$*+?{}[]\\|()".indexOf(c) >= 0)
              ? SearchMode.REGEX : SearchMode.LITERAL;
          default -> throw new ToolException("invalid_argument", "Unsupported search_mode '" + sm + "'");
        }
        boolean ci = a.bool("case_insensitive", resolved == SearchMode.FUZZY);
        int ctx = (int) a.integer("context_lines", 0, 0, 1000);
        long mm = a.integer("max_matches", 200, Long.MIN_VALUE, 100_000);
        if (mm < 1) throw new ToolException("invalid_argument", "max_matches must be >= 1");
        Double ft = a.number("fuzzy_threshold");
        if (ft != null && (ft < 0 || ft > 1)) {
          throw new ToolException("invalid_argument", "Invalid fuzzy_threshold '" + ft + "': must be between 0 and 1.");
        }
        double threshold = ft != null ? ft : 0.7;
        range.put("search", pattern);
        range.put("search_mode", sm);
        range.put("search_mode_resolved", resolved.wire());
        range.put("case_insensitive", ci);
        if (resolved == SearchMode.FUZZY) range.put("fuzzy_threshold", threshold);
        else range.putNull("fuzzy_threshold");
        range.put("context_lines", ctx);
        range.put("max_matches", mm);
        return new Parsed(new Spec.Search(pattern, resolved, ci, ctx, (int) mm, threshold, maxBytes),
            range, resolved.wire(), (int) mm, 0, 0);
      }
      case "read": {
        long start = a.integer("start_chunk", 0, 0, Integer.MAX_VALUE);
        range.put("start_chunk", start);
        range.put("max_bytes", maxBytes);
        return new Parsed(new Spec.Read((int) start, maxBytes), range, null, 0, 0, 0);
      }
      default:
        return new Parsed(new Spec.ScanOnly(), range, null, 0, 0, 0);
    }
  }

  /** {@code chunk_index}: an integer, a list of integers or a string ("2", "0,2", "[0, 2]"); default [0]. */
  private static List<Integer> chunkIndexes(SentinelSupport.Args a) {
    JsonNode v = a.raw("chunk_index");
    TreeSet<Integer> out = new TreeSet<>();
    if (v == null) return List.of(0);
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) v.forEach(items::add);
    else if (v.isTextual()) {
      for (String part : v.textValue().replace("[", "").replace("]", "").split(",")) {
        if (!part.isBlank()) items.add(McpJson.mapper().getNodeFactory().textNode(part.trim()));
      }
    } else items.add(v);
    for (JsonNode i : items) {
      int n;
      try {
        n = i.isIntegralNumber() ? i.intValue() : Integer.parseInt(i.asText());
      } catch (NumberFormatException e) {
        throw SentinelSupport.Args.invalidValue("chunk_index", v, "chunk indexes are integers >= 0");
      }
      if (n < 0) throw SentinelSupport.Args.invalidValue("chunk_index", v, "chunk indexes are integers >= 0");
      out.add(n);
    }
    if (out.isEmpty()) return List.of(0);
    return List.copyOf(out);
  }

  // ---- answer -----------------------------------------------------------------------------------

  private static ToolResult answer(String mode, Parsed p, RepositoryFiles.Success ok) {
    ObjectNode out = McpJson.object();
    out.put("ok", true);
    out.put("mode", mode);
    RepositoryFiles.Scan sc = ok.scan();
    ObjectNode scan = out.putObject("scan");
    scan.put("absolute_path", sc.absolutePath());
    putNullable(scan, "repo_relative_path", sc.repoRelativePath());
    scan.put("byte_size", sc.byteSize());
    scan.put("line_count", sc.lineCount());
    scan.put("sha256", sc.sha256());
    scan.put("newline_type", sc.newlineType());
    scan.put("encoding", sc.encoding());
    scan.put("estimated_chunk_count", sc.estimatedChunkCount());
    out.put("has_frontmatter", ok.frontmatter().isPresent());
    ok.frontmatter().ifPresent(fm -> {
      try {
        out.set("frontmatter", McpJson.mapper().readTree(fm.json()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        out.putObject("frontmatter");
      }
      out.put("frontmatter_raw", fm.raw());
      out.put("frontmatter_line_count", fm.lineCount());
      out.put("frontmatter_byte_count", fm.byteCount());
      if (fm.error() != null) out.put("frontmatter_error", fm.error());
    });
    StringBuilder text = new StringBuilder();
    String shown = sc.repoRelativePath() != null ? sc.repoRelativePath() : sc.absolutePath();
    text.append(shown).append(": ").append(sc.byteSize()).append(" bytes, ").append(sc.lineCount())
        .append(" lines, sha256 ").append(sc.sha256()).append(", ").append(sc.newlineType()).append(", ")
        .append(sc.encoding()).append(", ").append(sc.estimatedChunkCount()).append(" chunk(s)");
    switch (mode) {
      case "chunk", "full_stream", "read" -> {
        ArrayNode arr = out.putArray("chunks");
        for (Chunk c : ok.chunks()) {
          arr.add(chunk(c));
          text.append("\n--- chunk ").append(c.chunkIndex()).append(" (lines ").append(c.lineStart())
              .append('-').append(c.lineEnd()).append(") ---\n").append(c.content());
        }
        if (!"chunk".equals(mode)) {
          if (ok.nextChunkIndex() == null) out.putNull("next_chunk_index");
          else out.put("next_chunk_index", ok.nextChunkIndex());
          text.append("\nnext_chunk_index: ").append(ok.nextChunkIndex() == null ? "null (end of file)" : ok.nextChunkIndex());
        }
      }
      case "line_range", "page" -> {
        Chunk c = ok.chunks().get(0);
        out.set("chunk", chunk(c));
        if ("page".equals(mode)) {
          out.put("page_number", p.page());
          out.put("page_size", p.pageSize());
        }
        text.append("\n--- lines ").append(c.lineStart()).append('-').append(c.lineEnd()).append(" ---\n").append(c.content());
      }
      case "search" -> {
        ArrayNode arr = out.putArray("matches");
        for (RepositoryFiles.Match m : ok.matches()) {
          ObjectNode mo = arr.addObject();
          mo.put("line_number", m.lineNumber());
          mo.put("line", m.line());
          mo.put("context_start", m.contextStart());
          mo.put("context_end", m.contextEnd());
          ArrayNode ctx = mo.putArray("context");
          m.context().forEach(ctx::add);
          if (m.score() != null) mo.put("match_score", m.score());
          text.append('\n').append(m.lineNumber()).append(": ").append(m.line());
        }
        out.put("max_matches", p.maxMatches());
        out.put("total_matches", ok.totalMatches());
        out.put("matches_truncated", ok.matchesTruncated());
        out.put("search_mode_resolved", p.searchModeResolved());
        text.append("\n").append(ok.matches().size()).append(" of ").append(ok.totalMatches()).append(" match(es)");
      }
      default -> { }
    }
    out.putArray("reminders");
    return ToolResult.success(out, text.toString());
  }

  private static ObjectNode chunk(Chunk c) {
    ObjectNode o = McpJson.object();
    if (c.chunkIndex() >= 0) o.put("chunk_index", c.chunkIndex());
    o.put("line_start", c.lineStart());
    o.put("line_end", c.lineEnd());
    o.put("byte_start", c.byteStart());
    o.put("byte_end", c.byteEnd());
    o.put("content", c.content());
    if (c.original() != null) {
      o.put("frontmatter_stripped", true);
      o.put("original_line_start", c.original().lineStart());
      o.put("original_line_end", c.original().lineEnd());
      o.put("original_byte_start", c.original().byteStart());
      o.put("original_byte_end", c.original().byteEnd());
    }
    return o;
  }

  private static void putNullable(ObjectNode o, String k, @Nullable String v) {
    if (v == null) o.putNull(k);
    else o.put(k, v);
  }

}
