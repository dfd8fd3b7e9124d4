package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A successful {@code read_file}: who read which bytes of which file, with the file's hash.
 * Stream: {@code project-<name>} in project mode, {@code sentinel-<repo id>-<day>} in sentinel
 * mode.
 *
 * @param readMode {@code scan_only}, {@code chunk}, {@code line_range}, {@code page}, {@code
 *     full_stream}, {@code search} or {@code read}
 * @param rangeJson the range references of the read (chunk indexes, lines, page, search
 *     parameters) as one compact JSON object text
 * @param project the project of a project-mode read, else null
 * @param repoRoot the repository root the path was resolved against
 */
public record FileRead(
    String readMode,
    String absolutePath,
    @Nullable String repoRelativePath,
    long byteSize,
    long lineCount,
    String sha256,
    String newlineType,
    String encoding,
    long estimatedChunkCount,
    String rangeJson,
    String agent,
    @Nullable String project,
    String repoRoot)
    implements ScribeEvent {
  public FileRead {
    requireNonNull(readMode, "readMode");
    requireNonNull(absolutePath, "absolutePath");
    requireNonNull(sha256, "sha256");
    requireNonNull(newlineType, "newlineType");
    requireNonNull(encoding, "encoding");
    requireNonNull(rangeJson, "rangeJson");
    requireNonNull(agent, "agent");
    requireNonNull(repoRoot, "repoRoot");
    if (byteSize < 0 || lineCount < 0 || estimatedChunkCount < 0) {
      throw new IllegalArgumentException("negative size or count");
    }
  }
}
