package dev.scribe.server.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scribe.tools.ports.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * {@link RepositoryFiles} on the local file system: the path policy, then one streaming pass
 * ({@link FileWalker}) that computes the scan while a collector keeps only what the mode returns.
 * Everything a collector keeps is bounded by the request's byte cap; a request that would need
 * more is refused, never cut short silently.
 */
public final class FileReadService implements RepositoryFiles {
  /** Front matter is looked for in the first chunk only. */
  static final int FRONTMATTER_MAX_LINES = CHUNK_LINES;

  /** chunk and full_stream answers hold at most this much content (a request for more is refused). */
  static final long CHUNKS_MAX_BYTES = 8L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private final PathPolicy policy;

  public FileReadService() {
    this(Path.of(System.getProperty("user.home")));
  }

  /** With {@code home} as the directory {@code ~} means (tests). */
  public FileReadService(Path home) {
    this.policy = new PathPolicy(home);
  }

  @Override
  public RootCheck checkRoot(String path) {
    Path p;
    try {
      p = Path.of(path);
    } catch (RuntimeException e) {
      return new RootCheck.Bad("repo_root '" + path + "' is not a valid path");
    }
    if (!p.isAbsolute()) return new RootCheck.Bad("repo_root must be an absolute path, got '" + path + "'");
    if (!Files.isDirectory(p)) {
      return new RootCheck.Bad("repo_root '" + path + "' does not exist or is not a directory");
    }
    try {
      return new RootCheck.Ok(p.toRealPath().toString());
    } catch (IOException e) {
      return new RootCheck.Bad("repo_root '" + path + "' cannot be resolved: " + e.getMessage());
    }
  }

  @Override
  public Outcome read(Request request) {
    Path root = Path.of(request.repoRoot());
    SentinelConfig config;
    try {
      config = SentinelConfig.load(root);
    } catch (IOException e) {
      return new Invalid("The repository's read policy cannot be loaded: " + e.getMessage());
    }
    PathPolicy.Decision d;
    try {
      d = policy.check(root, request.path(), config.denylist(), config.allowlist());
    } catch (RuntimeException e) {
      return new Invalid("path '" + request.path() + "' is not a valid path: " + e.getMessage());
    }
    String abs = d.real().toString();
    if (d.denial().isPresent()) return new Denied(d.denial().get(), abs, d.repoRelative());
    Path file = d.real();
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Failed("file not found", null, abs, d.repoRelative());
    }
    if (!Files.isRegularFile(file)) {
      return new Failed("not a regular file", null, abs, d.repoRelative());
    }
    Collector c;
    try {
      c = collector(request.spec());
    } catch (PatternSyntaxException e) {
      return new Failed("invalid regex", "invalid regex: " + e.getDescription(), abs, d.repoRelative());
    }
    FileWalker.Facts facts;
    try {
      facts = FileWalker.walk(file, c);
    } catch (NoSuchFileException e) {
      return new Failed("file not found", null, abs, d.repoRelative());
    } catch (IOException e) {
      return new Failed("read error", e.toString(), abs, d.repoRelative());
    }
    Scan scan =
        new Scan(
            abs, d.repoRelative(), facts.byteSize(), facts.lineCount(), facts.sha256(),
            facts.newlineType(), facts.encoding(), facts.chunkCount());
    return c.finish(scan, facts);
  }

  private Collector collector(Spec spec) {
    if (spec instanceof Spec.Chunks s) {
      TreeSet<Integer> want = new TreeSet<>(s.indexes());
      return new ChunkCollector(i -> want.contains((int) (long) i), CHUNKS_MAX_BYTES, want, -1);
    }
    if (spec instanceof Spec.FullStream s) {
      return new ChunkCollector(
          i -> i >= s.startChunk() && i < (long) s.startChunk() + s.maxChunks(),
          CHUNKS_MAX_BYTES, null, s.startChunk(), s.maxChunks());
    }
    if (spec instanceof Spec.Read s) return new ReadCollector(s.startChunk(), s.maxBytes());
    if (spec instanceof Spec.LineRange s) {
      return new LineCollector(s.startLine(), s.endLine(), s.maxBytes());
    }
    if (spec instanceof Spec.Page s) {
      return new LineCollector(
          (s.pageNumber() - 1) * s.pageSize() + 1, s.pageNumber() * s.pageSize(), s.maxBytes());
    }
    if (spec instanceof Spec.Search s) return new SearchCollector(s);
    return new ChunkCollector(i -> false, Long.MAX_VALUE, null, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Collectors: each sees every piece once, keeps what its mode returns, and tracks front matter.

  private abstract static class Collector implements FileWalker.Sink {
    Charset charset = StandardCharsets.UTF_8;
    private final ByteArrayOutputStream fm = new ByteArrayOutputStream();
    private boolean fmOpen = false;
    private boolean fmDone = false;
    private long fmLines = 0;
    private @Nullable Frontmatter frontmatter;

    /** Front matter: a first line {@code ---}, closed by {@code ---} or {@code ...} within chunk 0. */
    final void trackFrontmatter(long chunk, long line, byte[] buf, int len, boolean endsLine) {
      if (fmDone) return;
      if (chunk > 0 || line > FRONTMATTER_MAX_LINES || !endsLine) {
        fmDone = true;
        return;
      }
      String text = stripEol(new String(buf, 0, len, StandardCharsets.UTF_8));
      if (line == 1) {
        if (!text.equals("---")) {
          fmDone = true;
          return;
        }
        fmOpen = true;
      } else if (fmOpen && (text.equals("---") || text.equals("..."))) {
        fm.write(buf, 0, len);
        fmLines = line;
        fmDone = true;
        frontmatter = parseFrontmatter(fm.toByteArray(), line);
        return;
      }
      fm.write(buf, 0, len);
    }

    Optional<Frontmatter> frontmatter() {
      return Optional.ofNullable(frontmatter);
    }

    long frontmatterBytes() {
      return frontmatter == null ? 0 : frontmatter.byteCount();
    }

    long frontmatterLines() {
      return frontmatter == null ? 0 : fmLines;
    }

    @Override
    public void piece(long chunk, long line, long byteStart, byte[] buf, int len, boolean endsLine) {
      trackFrontmatter(chunk, line, buf, len, endsLine);
      onPiece(chunk, line, byteStart, buf, len, endsLine);
    }

    abstract void onPiece(long chunk, long line, long byteStart, byte[] buf, int len, boolean endsLine);

    abstract Outcome finish(Scan scan, FileWalker.Facts facts);

    @Override
    public void begin(boolean utf8) {
      charset = utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    String decode(byte[] b, int off, int len, FileWalker.Facts facts) {
      return new String(b, off, len, charset);
    }
  }

  private static Frontmatter parseFrontmatter(byte[] all, long lines) {
    String text = new String(all, StandardCharsets.UTF_8);
    // raw = the lines between the opening and the closing marker
    int open = text.indexOf('\n') + 1;
    String body = text.substring(open);
    String withoutLastEol = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    int close = withoutLastEol.lastIndexOf('\n');
    String raw = close < 0 ? "" : body.substring(0, close + 1);
    try {
      JsonNode n = raw.isBlank() ? JSON.createObjectNode() : YAML.readTree(raw);
      if (n == null || n.isMissingNode() || n.isNull()) n = JSON.createObjectNode();
      if (!n.isObject()) {
        return new Frontmatter(raw, "{}", lines, all.length, "front matter is not a mapping");
      }
      return new Frontmatter(raw, JSON.writeValueAsString(n), lines, all.length, null);
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      return new Frontmatter(raw, "{}", lines, all.length, msg);
    }
  }

  static String stripEol(String s) {
    if (s.endsWith("\r\n")) return s.substring(0, s.length() - 2);
    if (s.endsWith("\n")) return s.substring(0, s.length() - 1);
    return s;
  }

  /** Collects whole chunks (chunk, full_stream, scan_only). */
  private static final class ChunkCollector extends Collector {
    private final Predicate<Long> wanted;
    private final long maxBytes;
    private final @Nullable TreeSet<Integer> requested;
    private final long start;
    private final int max;
    private final List<Chunk> chunks = new ArrayList<>();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long kept = 0;
    private boolean overflow = false;
    private FileWalker.@Nullable Facts facts;

    ChunkCollector(Predicate<Long> wanted, long maxBytes, @Nullable TreeSet<Integer> requested, long start) {
      this(wanted, maxBytes, requested, start, 0);
    }

    ChunkCollector(Predicate<Long> wanted, long maxBytes, @Nullable TreeSet<Integer> requested, long start, int max) {
      this.wanted = wanted;
      this.maxBytes = maxBytes;
      this.requested = requested;
      this.start = start;
      this.max = max;
    }

    @Override
    void onPiece(long chunk, long line, long byteStart, byte[] b, int len, boolean endsLine) {
      if (!wanted.test(chunk) || overflow) return;
      if (kept + len > maxBytes) {
        overflow = true;
        return;
      }
      buf.write(b, 0, len);
      kept += len;
    }

    private final List<byte[]> contents = new ArrayList<>();
    private final List<Bounds> bounds = new ArrayList<>();

    @Override
    public void chunkEnd(long chunk, long lineStart, long lineEnd, long byteStart, long byteEnd) {
      if (!wanted.test(chunk) || overflow) return;
      contents.add(buf.toByteArray());
      bounds.add(new Bounds(lineStart, lineEnd, byteStart, byteEnd));
      buf.reset();
    }

    @Override
    Outcome finish(Scan scan, FileWalker.Facts facts) {
      if (overflow) {
        return new Invalid(
            "The requested chunks hold more than " + maxBytes + " bytes; ask for fewer chunks"
                + " (or use mode 'read', which pages through the file).");
      }
      if (facts.chunkCount() == 0) {
        // an empty file has no chunks: nothing to return, nothing out of range
        return new Success(scan, frontmatter(), List.of(), null, List.of(), 0, false);
      }
      if (requested != null && !requested.isEmpty() && requested.last() >= facts.chunkCount()) {
        return new Invalid(
            "chunk_index " + requested.last() + " is out of range: the file has "
                + facts.chunkCount() + " chunk(s)");
      }
      if (max > 0 && start >= Math.max(1, facts.chunkCount()) && facts.chunkCount() > 0) {
        return new Invalid(
            "start_chunk " + start + " is out of range: the file has " + facts.chunkCount() + " chunk(s)");
      }
      for (int i = 0; i < contents.size(); i++) {
        Bounds b = bounds.get(i);
        long index = indexOf(b, i);
        chunks.add(toChunk(this, index, b, contents.get(i), facts));
      }
      Long next = null;
      if (max > 0) {
        long after = start + max;
        next = after < facts.chunkCount() ? after : null;
      }
      return new Success(scan, frontmatter(), chunks, next, List.of(), 0, false);
    }

    private long indexOf(Bounds b, int i) {
      if (requested != null) return new ArrayList<>(requested).get(i);
      return start + i;
    }
  }

  /** A chunk with its content; chunk 0 is stripped of front matter. */
  private static Chunk toChunk(Collector c, long index, Bounds b, byte[] content, FileWalker.Facts facts) {
    long fmBytes = c.frontmatterBytes();
    if (index == 0 && fmBytes > 0) {
      int skip = (int) Math.min(fmBytes, content.length);
      return new Chunk(
          0, c.frontmatterLines() + 1, b.lineEnd(), b.byteStart() + skip, b.byteEnd(),
          c.decode(content, skip, content.length - skip, facts), b);
    }
    return new Chunk(
        index, b.lineStart(), b.lineEnd(), b.byteStart(), b.byteEnd(),
        c.decode(content, 0, content.length, facts), null);
  }

  /** {@code read}: consecutive chunks from {@code start} while their content fits {@code maxBytes}. */
  private static final class ReadCollector extends Collector {
    private final long start;
    private final long maxBytes;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final List<byte[]> contents = new ArrayList<>();
    private final List<Bounds> bounds = new ArrayList<>();
    private long kept = 0;
    private boolean full = false;
    private long nextAfterFull = -1;

    ReadCollector(long start, long maxBytes) {
      this.start = start;
      this.maxBytes = maxBytes;
    }

    @Override
    void onPiece(long chunk, long line, long byteStart, byte[] b, int len, boolean endsLine) {
      if (chunk < start || full) return;
      buf.write(b, 0, len);
    }

    @Override
    public void chunkEnd(long chunk, long lineStart, long lineEnd, long byteStart, long byteEnd) {
      if (chunk < start || full) return;
      long size = byteEnd - byteStart;
      if (!contents.isEmpty() && kept + size > maxBytes) {
        // this chunk does not fit: it is where the next answer starts
        full = true;
        nextAfterFull = chunk;
        buf.reset();
        return;
      }
      contents.add(buf.toByteArray());
      bounds.add(new Bounds(lineStart, lineEnd, byteStart, byteEnd));
      kept += size;
      buf.reset();
    }

    @Override
    Outcome finish(Scan scan, FileWalker.Facts facts) {
      if (start > 0 && start >= facts.chunkCount()) {
        return new Invalid(
            "start_chunk " + start + " is out of range: the file has " + facts.chunkCount() + " chunk(s)");
      }
      List<Chunk> chunks = new ArrayList<>();
      for (int i = 0; i < contents.size(); i++) {
        chunks.add(toChunk(this, start + i, bounds.get(i), contents.get(i), facts));
      }
      Long next = full ? nextAfterFull : null;
      return new Success(scan, frontmatter(), chunks, next, List.of(), 0, false);
    }
  }

  /** line_range and page: lines {@code from..to}, as one synthetic chunk. */
  private static final class LineCollector extends Collector {
    private final long from;
    private final long to;
    private final long maxBytes;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long firstByte = -1;
    private long endByte = -1;
    private long lastLine = -1;
    private boolean overflow = false;

    LineCollector(long from, long to, long maxBytes) {
      this.from = from;
      this.to = to;
      this.maxBytes = maxBytes;
    }

    @Override
    void onPiece(long chunk, long line, long byteStart, byte[] b, int len, boolean endsLine) {
      if (line < from || line > to || overflow) return;
      if (buf.size() + (long) len > maxBytes) {
        overflow = true;
        return;
      }
      if (firstByte < 0) firstByte = byteStart;
      buf.write(b, 0, len);
      endByte = byteStart + len;
      lastLine = line;
    }

    @Override
    Outcome finish(Scan scan, FileWalker.Facts facts) {
      if (overflow) {
        return new Invalid(
            "Lines " + from + ".." + to + " hold more than max_bytes (" + maxBytes
                + ") bytes; ask for a smaller range (or use mode 'read', which pages through the file).");
      }
      if (from > facts.lineCount()) {
        return new Invalid(
            "start line " + from + " is past the end of the file (" + facts.lineCount() + " lines)");
      }
      byte[] content = buf.toByteArray();
      Chunk c =
          new Chunk(
              -1, from, lastLine, firstByte, endByte, decode(content, 0, content.length, facts), null);
      return new Success(scan, frontmatter(), List.of(c), null, List.of(), 0, false);
    }
  }

  /** search: matching lines with context before and after, bounded by max_matches and max_bytes. */
  private static final class SearchCollector extends Collector {
    private final Spec.Search spec;
    private final @Nullable Pattern regex;
    private final String needle;
    private final Deque<String> before = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<Match> matches = new ArrayList<>();
    private long total = 0;
    private long keptBytes = 0;
    private boolean truncated = false;

    private static final class Pending {
      final long line;
      final String text;
      final long contextStart;
      final List<String> context;
      final @Nullable Double score;
      int after;

      Pending(long line, String text, long contextStart, List<String> context, @Nullable Double score) {
        this.line = line;
        this.text = text;
        this.contextStart = contextStart;
        this.context = context;
        this.score = score;
      }
    }

    SearchCollector(Spec.Search spec) {
      this.spec = spec;
      if (spec.mode() == SearchMode.REGEX) {
        regex = Pattern.compile(spec.pattern(), spec.caseInsensitive() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
      } else {
        regex = null;
      }
      needle = spec.caseInsensitive() ? spec.pattern().toLowerCase(Locale.ROOT) : spec.pattern();
    }

    @Override
    void onPiece(long chunk, long line, long byteStart, byte[] b, int len, boolean endsLine) {
      String text = stripEol(new String(b, 0, len, charset));
      // context after for earlier matches
      for (Pending p : pending) {
        if (p.after < spec.contextLines()) {
          p.context.add(text);
          p.after++;
        }
      }
      flushDone();
      Double score = null;
      boolean hit;
      switch (spec.mode()) {
        case REGEX -> hit = regex.matcher(text).find();
        case FUZZY -> {
          String hay = spec.caseInsensitive() ? text.toLowerCase(Locale.ROOT) : text;
          double r = Fuzzy.ratio(needle, hay.strip());
          hit = r >= spec.fuzzyThreshold();
          score = Math.round(r * 10000) / 10000.0;
        }
        default -> {
          String hay = spec.caseInsensitive() ? text.toLowerCase(Locale.ROOT) : text;
          hit = hay.contains(needle);
        }
      }
      if (hit) {
        total++;
        if (matches.size() + pending.size() < spec.maxMatches() && !truncated) {
          long cost = text.length() + (long) spec.contextLines() * 2 * Math.max(1, text.length());
          if (keptBytes + cost > spec.maxBytes()) {
            truncated = true;
          } else {
            keptBytes += cost;
            List<String> ctx = new ArrayList<>(before);
            ctx.add(text);
            pending.add(new Pending(line, text, line - before.size(), ctx, score));
            if (spec.contextLines() == 0) flushDone();
          }
        }
      }
      if (spec.contextLines() > 0) {
        before.addLast(text);
        if (before.size() > spec.contextLines()) {
          before.removeFirst();
        }
      }
    }

    private void flushDone() {
      while (!pending.isEmpty() && pending.get(0).after >= spec.contextLines()) {
        add(pending.remove(0));
      }
    }

    private void add(Pending p) {
      matches.add(
          new Match(p.line, p.text, p.contextStart, p.contextStart + p.context.size() - 1, p.context, p.score));
    }

    @Override
    Outcome finish(Scan scan, FileWalker.Facts facts) {
      for (Pending p : pending) add(p);
      pending.clear();
      boolean cut = truncated || total > matches.size();
      return new Success(scan, frontmatter(), List.of(), null, matches, total, cut);
    }
  }
}
