package dev.scribe.tools.ports;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reading repository files for {@code read_file}, and checking repository roots for {@code
 * set_mode}: the only file reads tools make. The implementation applies the path policy (symlinks
 * and {@code ..} resolved first, denylist by path component, repository root allowed, other
 * absolute paths only when allow-listed), streams the file once in bounded memory (scan, chunks,
 * search) and never truncates silently. It records nothing: the tool appends the events.
 */
public interface RepositoryFiles {

  /** Chunks end after this many lines... */
  int CHUNK_LINES = 200;

  /** ...or before they would exceed this many bytes (a longer line is split). */
  int CHUNK_BYTES = 128 * 1024;

  /**
   * The real path of {@code path} when it is an absolute path of an existing directory usable as
   * a repository root, else a message saying why not.
   */
  RootCheck checkRoot(String path);

  /** Reads {@code request.path()} relative to {@code request.repoRoot()} as {@code request.spec()} says. */
  Outcome read(Request request);

  /** The answer of {@link #checkRoot}. */
  sealed interface RootCheck {
    record Ok(String realPath) implements RootCheck {}

    record Bad(String message) implements RootCheck {}
  }

  /**
   * One read.
   *
   * @param repoRoot the real path of the root relative paths resolve against (the sentinel
   *     session's repository or the bound project's root)
   * @param path as the caller gave it
   */
  record Request(String repoRoot, String path, Spec spec) {
    public Request {
      requireNonNull(repoRoot, "repoRoot");
      requireNonNull(path, "path");
      requireNonNull(spec, "spec");
    }
  }

  /** What to return besides the scan. */
  sealed interface Spec {
    /** The scan only. */
    record ScanOnly() implements Spec {}

    /** The chunks with these indexes, in file order. */
    record Chunks(List<Integer> indexes) implements Spec {
      public Chunks {
        indexes = List.copyOf(indexes);
      }
    }

    /** {@code maxChunks} consecutive chunks from {@code startChunk}. */
    record FullStream(int startChunk, int maxChunks) implements Spec {}

    /** Lines {@code startLine..endLine} (1-based, inclusive; cut at the end of the file). */
    record LineRange(long startLine, long endLine, long maxBytes) implements Spec {}

    /** Lines {@code (page-1)*pageSize+1 .. page*pageSize}. */
    record Page(long pageNumber, int pageSize, long maxBytes) implements Spec {}

    /** Lines matching {@code pattern}, with context before and after. */
    record Search(
        String pattern,
        SearchMode mode,
        boolean caseInsensitive,
        int contextLines,
        int maxMatches,
        double fuzzyThreshold,
        long maxBytes)
        implements Spec {}

    /** The whole file as consecutive chunks from {@code startChunk}, at most {@code maxBytes} of content per answer. */
    record Read(int startChunk, long maxBytes) implements Spec {}
  }

  /** How {@link Spec.Search} matches a line. */
  enum SearchMode {
    LITERAL,
    REGEX,
    FUZZY;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The file facts every read reports (reference §3.9). */
  record Scan(
      String absolutePath,
      @Nullable String repoRelativePath,
      long byteSize,
      long lineCount,
      String sha256,
      String newlineType,
      String encoding,
      long estimatedChunkCount) {}

  /**
   * YAML front matter (a first line {@code ---} up to the next {@code ---} or {@code ...} line).
   *
   * @param json the parsed mapping as compact JSON object text ({@code {}} when it did not parse)
   * @param error why it did not parse, else null
   */
  record Frontmatter(String raw, String json, long lineCount, long byteCount, @Nullable String error) {}

  /**
   * A piece of the file. For chunk 0 of a file with front matter the content is stripped of it;
   * {@code original} then holds the chunk's unstripped bounds.
   */
  record Chunk(
      long chunkIndex,
      long lineStart,
      long lineEnd,
      long byteStart,
      long byteEnd,
      String content,
      @Nullable Bounds original) {}

  /** Line and byte bounds (lines inclusive, bytes end-exclusive). */
  record Bounds(long lineStart, long lineEnd, long byteStart, long byteEnd) {}

  /** A search hit with its context lines (before and after, in file order). */
  record Match(
      long lineNumber,
      String line,
      long contextStart,
      long contextEnd,
      List<String> context,
      @Nullable Double score) {}

  /** What a read gave. */
  sealed interface Outcome {}

  /**
   * A successful read.
   *
   * @param chunks for chunk, full_stream, read, line_range and page (one synthetic chunk)
   * @param nextChunkIndex for full_stream and read: the next chunk to ask for, null at the end
   * @param totalMatches for search: every match in the file, even beyond {@code maxMatches}
   * @param searchModeResolved for search: {@code smart} resolved to literal or regex
   */
  record Success(
      Scan scan,
      Optional<Frontmatter> frontmatter,
      List<Chunk> chunks,
      @Nullable Long nextChunkIndex,
      List<Match> matches,
      long totalMatches,
      boolean matchesTruncated)
      implements Outcome {
    public Success {
      requireNonNull(scan, "scan");
      requireNonNull(frontmatter, "frontmatter");
      chunks = List.copyOf(chunks);
      matches = List.copyOf(matches);
    }
  }

  /**
   * The path policy refused the path (checked before existence).
   *
   * @param reason {@code denylist_match} or {@code absolute_path_not_allowlisted}
   */
  record Denied(String reason, String absolutePath, @Nullable String repoRelativePath)
      implements Outcome {}

  /**
   * The read failed on something other than policy, and the failure is worth a {@code
   * read_file_error} record: a missing file, an invalid regex, a file that cannot be read.
   *
   * @param error {@code file not found}, {@code invalid regex}, {@code not a regular file}, {@code
   *     read error}
   */
  record Failed(String error, @Nullable String details, String absolutePath, @Nullable String repoRelativePath)
      implements Outcome {}

  /** A request the file makes impossible (chunk or line past the end, a range over the byte cap): an argument error. */
  record Invalid(String message) implements Outcome {}
}
