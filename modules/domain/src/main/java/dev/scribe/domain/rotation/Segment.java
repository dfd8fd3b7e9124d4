package dev.scribe.domain.rotation;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The current segment of one project log as the Markdown view has rendered it: the bytes of the
 * live file since its last rotation (template header included).
 *
 * @param project the project whose log this is
 * @param logType the log's wire name ({@code progress}, {@code bugs}, {@code security}, {@code
 *     doc_updates}, {@code global})
 * @param logPath the live file (absolute)
 * @param byteSize the segment's size in bytes
 * @param sha256 lower-case hex SHA-256 of those bytes (the view keeps it running)
 * @param entryCount entry lines in the segment (tee copies included, header lines not)
 * @param nextSequence the sequence number the project's next rotation gets (1 for the first)
 * @param previousChainSha256 the {@code chainSha256} of the project's last rotation, null before
 *     the first
 * @param streamVersions every stream whose events render into this file, with the version the view
 *     has applied: a rotation appends expecting exactly these, so no entry slips in between the
 *     hash and the rotation (for a project log that is {@code project-<name>}; the global log of a
 *     repository is shared by the projects rooted there)
 * @param appliedPosition the log position the view had applied when it reported this segment
 */
public record Segment(
    String project,
    String logType,
    String logPath,
    long byteSize,
    String sha256,
    long entryCount,
    long nextSequence,
    @Nullable String previousChainSha256,
    Map<String, Long> streamVersions,
    long appliedPosition) {
  public Segment {
    requireNonNull(project, "project");
    requireNonNull(logType, "logType");
    requireNonNull(logPath, "logPath");
    requireNonNull(sha256, "sha256");
    streamVersions =
        java.util.Collections.unmodifiableSortedMap(
            new TreeMap<>(requireNonNull(streamVersions, "streamVersions")));
    if (byteSize < 0 || entryCount < 0) throw new IllegalArgumentException("negative size/count");
    if (nextSequence < 1) throw new IllegalArgumentException("nextSequence < 1");
  }
}
