package dev.scribe.server;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.chronicle.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a server runs. {@link #defaults(Path)} is what {@code tools/scribe serve} uses without
 * options.
 *
 * @param host the address to listen on (127.0.0.1 unless told otherwise)
 * @param port the HTTP port; 0 picks a free one (published in {@code server.json})
 * @param token when set, every HTTP request and loopback (stdio) connection must present it
 * @param allowedHosts extra Host/Origin names accepted besides the local ones (DNS rebinding guard)
 * @param toolThreads threads running tool handlers (they wait on fsync; not the event loop)
 * @param logMaxBytes append_entry rotates a project log whose current segment reached this size
 *     first ({@code SCRIBE_LOG_MAX_BYTES} of the Python server); 0 disables
 */
public record ServerConfig(
    Path dataDir,
    String host,
    int port,
    FsyncPolicy fsync,
    @Nullable String token,
    Set<String> allowedHosts,
    Duration sessionIdleTtl,
    int maxSessions,
    int maxBodyBytes,
    int toolThreads,
    long logMaxBytes) {

  public static final int DEFAULT_PORT = 7337;

  public ServerConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(host, "host");
    requireNonNull(fsync, "fsync");
    allowedHosts = Set.copyOf(allowedHosts);
    requireNonNull(sessionIdleTtl, "sessionIdleTtl");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    if (toolThreads < 1) throw new IllegalArgumentException("toolThreads must be >= 1");
    if (logMaxBytes < 0) throw new IllegalArgumentException("logMaxBytes must be >= 0");
  }

  /** Auto-rotation threshold of a project log segment: 512 KiB, as the Python server. */
  public static final long DEFAULT_LOG_MAX_BYTES = 524_288;

  /**
   * 127.0.0.1:7337, batch fsync, no token, 1 h idle TTL, 1000 sessions, 4 MiB bodies, 64 tool
   * threads, logs rotated at 512 KiB.
   */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        dataDir,
        "127.0.0.1",
        DEFAULT_PORT,
        FsyncPolicy.batch(),
        null,
        Set.of(),
        Duration.ofHours(1),
        1000,
        4 << 20,
        64,
        DEFAULT_LOG_MAX_BYTES);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(
        dataDir, host, p, fsync, token, allowedHosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, logMaxBytes);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(
        dataDir, h, port, fsync, token, allowedHosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, logMaxBytes);
  }

  public ServerConfig withFsync(FsyncPolicy f) {
    return new ServerConfig(
        dataDir, host, port, f, token, allowedHosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, logMaxBytes);
  }

  public ServerConfig withToken(@Nullable String t) {
    return new ServerConfig(
        dataDir, host, port, fsync, t, allowedHosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, logMaxBytes);
  }

  public ServerConfig withAllowedHosts(Set<String> hosts) {
    return new ServerConfig(
        dataDir, host, port, fsync, token, hosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, logMaxBytes);
  }

  public ServerConfig withSessionLimits(Duration ttl, int max) {
    return new ServerConfig(
        dataDir, host, port, fsync, token, allowedHosts, ttl, max, maxBodyBytes, toolThreads, logMaxBytes);
  }

  public ServerConfig withLogMaxBytes(long bytes) {
    return new ServerConfig(
        dataDir, host, port, fsync, token, allowedHosts, sessionIdleTtl, maxSessions, maxBodyBytes,
        toolThreads, bytes);
  }
}
