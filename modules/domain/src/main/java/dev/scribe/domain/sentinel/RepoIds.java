package dev.scribe.domain.sentinel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Repository ids and sentinel days. */
public final class RepoIds {
  private RepoIds() {}

  /**
   * The repository id: SHA-256 hex of the repository root's real path string (as the reference
   * does, so ids of the same repository match those the Python server wrote).
   */
  public static String of(String realRepoRoot) {
    return sha256Hex(realRepoRoot);
  }

  /** The UTC day ({@code yyyy-MM-dd}) of {@code instant}: the sentinel day. */
  public static String day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
