package dev.scribe.domain.rotation;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.domain.events.LogRotated;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Pure rotation decisions: archive names, the hash chain and the {@link LogRotated} event.
 *
 * <p>Archive names (reference §2.6, §3.10, B46): a rotation asked for by {@code rotate_log} goes to
 * {@code <log>.<suffix>.md} (suffix sanitised, default {@code archive}); a size-triggered one to
 * {@code <log>.<yyyyMMddHHmmss>.md}. When that name is taken the archive becomes {@code
 * <stem>_<yyyyMMdd_HHmmss_SSS>.md} (stem = the name without {@code .md}), then {@code _2}, {@code
 * _3}, … until free.
 */
public final class RotationPlanner {
  /** The default size threshold of auto-rotation ({@code SCRIBE_LOG_MAX_BYTES}); 0 disables. */
  public static final long DEFAULT_MAX_BYTES = 524_288;

  /** The default archive suffix. */
  public static final String DEFAULT_SUFFIX = "archive";

  private static final DateTimeFormatter AUTO =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLASH =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

  private RotationPlanner() {}

  /**
   * A suffix made safe for a file name: every run of characters outside {@code [A-Za-z0-9._-]}
   * becomes {@code _}; a blank suffix, or one of only dots, becomes {@value #DEFAULT_SUFFIX}.
   */
  public static String sanitizeSuffix(@Nullable String suffix) {
    if (suffix == null) return DEFAULT_SUFFIX;
    String s = suffix.trim().replaceAll("[^A-Za-z0-9._-]+", "_");
    return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? DEFAULT_SUFFIX : s;
  }

  /** The archive of a {@code rotate_log} call: {@code <log>.<suffix>.md}, or a free variant. */
  public static String manualArchivePath(
      String logPath, @Nullable String suffix, Instant now, Predicate<String> taken) {
    return free(logPath + "." + sanitizeSuffix(suffix) + ".md", now, taken);
  }

  /** The archive of a size-triggered rotation: {@code <log>.<yyyyMMddHHmmss>.md}, or a free variant. */
  public static String autoArchivePath(String logPath, Instant now, Predicate<String> taken) {
    return free(logPath + "." + AUTO.format(now) + ".md", now, taken);
  }

  private static String free(String wanted, Instant now, Predicate<String> taken) {
    if (!taken.test(wanted)) return wanted;
    String stem = wanted.endsWith(".md") ? wanted.substring(0, wanted.length() - 3) : wanted;
    String base = stem + "_" + CLASH.format(now);
    String candidate = base + ".md";
    for (int i = 2; taken.test(candidate); i++) candidate = base + "_" + i + ".md";
    return candidate;
  }

  /** Whether a segment of this size is due for auto-rotation ({@code maxBytes} 0 disables it). */
  public static boolean dueForAutoRotation(Segment segment, long maxBytes) {
    return maxBytes > 0 && segment.entryCount() > 0 && segment.byteSize() >= maxBytes;
  }

  /**
   * The size-triggered rotation (B46) that must precede an append to {@code segment}'s log, if
   * any: when {@link #dueForAutoRotation}, a {@link LogRotated} into {@link #autoArchivePath}.
   * Append it in the same batch as the entry, before it, expecting {@link
   * Segment#streamVersions()}.
   */
  public static Optional<LogRotated> autoRotation(
      Segment segment, long maxBytes, Instant now, String rotationId, Predicate<String> taken) {
    if (!dueForAutoRotation(segment, maxBytes)) return Optional.empty();
    return Optional.of(rotation(segment, rotationId, autoArchivePath(segment.logPath(), now, taken)));
  }

  /**
   * The rotation chain: lower-case hex SHA-256 of the UTF-8 text {@code previousChain +
   * archiveSha256} ({@code previousChain} is empty for a project's first rotation).
   */
  public static String chainSha256(@Nullable String previousChain, String archiveSha256) {
    return sha256Hex(((previousChain == null ? "" : previousChain) + archiveSha256).getBytes(UTF_8));
  }

  /**
   * The event that closes {@code segment} into {@code archivePath}: its hash, size and entry count
   * are the segment's, its sequence number and chain continue the project's.
   */
  public static LogRotated rotation(Segment segment, String rotationId, String archivePath) {
    return new LogRotated(
        segment.project(),
        segment.logType(),
        rotationId,
        segment.nextSequence(),
        segment.logPath(),
        archivePath,
        segment.sha256(),
        segment.previousChainSha256(),
        chainSha256(segment.previousChainSha256(), segment.sha256()),
        segment.entryCount(),
        segment.byteSize());
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
