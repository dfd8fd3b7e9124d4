package dev.scribe.mcp;

import java.util.List;

/** The MCP revisions this server speaks (the session-based, "legacy" era). */
public final class ProtocolVersions {
  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_03_26 = "2025-03-26";

  /** Newest first; an unknown requested version is answered with the first. */
  public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26);

  public static final String LATEST = V2025_11_25;

  private ProtocolVersions() {}

  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }

  /** The version to answer {@code initialize} with: the requested one if we speak it, else ours. */
  public static String negotiate(String requested) {
    return isSupported(requested) ? requested : LATEST;
  }

  /** JSON-RPC batches exist only in 2025-03-26 (removed in 2025-06-18). */
  public static boolean allowsBatches(String version) {
    return V2025_03_26.equals(version);
  }
}
