package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A project log was rotated: the Markdown view closes its current segment into {@code
 * archivePath} and starts a fresh file with the template header. Stream: {@code project-<name>}.
 *
 * @param sequenceNumber 1 for the project's first rotation, then +1 each time
 * @param archiveSha256 SHA-256 of the archive file's bytes
 * @param previousArchiveSha256 the previous rotation's {@code chainSha256}, null for the first
 * @param chainSha256 SHA-256 of {@code previousArchiveSha256 + archiveSha256}: the rotation chain
 * @param entryCount entry lines in the archive (the header is not counted)
 */
public record LogRotated(
    String project,
    String logType,
    String rotationId,
    long sequenceNumber,
    String logPath,
    String archivePath,
    String archiveSha256,
    @Nullable String previousArchiveSha256,
    String chainSha256,
    long entryCount,
    long byteSize)
    implements ScribeEvent {
  public LogRotated {
    requireNonNull(project, "project");
    requireNonNull(logType, "logType");
    requireNonNull(rotationId, "rotationId");
    requireNonNull(logPath, "logPath");
    requireNonNull(archivePath, "archivePath");
    requireNonNull(archiveSha256, "archiveSha256");
    requireNonNull(chainSha256, "chainSha256");
    if (sequenceNumber < 1) throw new IllegalArgumentException("sequenceNumber < 1");
    if (entryCount < 0 || byteSize < 0) throw new IllegalArgumentException("negative count/size");
  }
}
