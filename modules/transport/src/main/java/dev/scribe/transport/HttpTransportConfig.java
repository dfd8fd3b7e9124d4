package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import dev.scribe.mcp.SessionLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Streamable HTTP settings.
 *
 * @param path the MCP endpoint ({@code /mcp})
 * @param allowedHosts host names (no port) accepted in {@code Host} and in {@code Origin}; a request
 *     naming another host gets 403 (DNS-rebinding defence). Compared case-insensitively; IPv6
 *     without brackets.
 * @param allowedOrigins extra exact origins ({@code https://app.example:8443}) accepted in {@code
 *     Origin}
 * @param bearerToken when set, every request needs {@code Authorization: Bearer <token>} (else 401)
 * @param maxBodyBytes larger request bodies get 413
 * @param sessionLimits idle TTL and session cap
 * @param sseKeepAlive interval of SSE comment lines on open streams; zero disables them
 * @param sweepInterval how often idle sessions are swept; zero disables the timer (tests call {@link
 *     McpHttpHandler#sweep()})
 * @param sseWhenAccepted answer every request on an SSE stream when the client accepts SSE (as the
 *     reference TypeScript server does). Off by default: a request whose client accepts both is
 *     then answered in plain JSON unless the call sends a notification first, which is cheaper
 *     and what every client we know handles. The conformance fixture server turns it on.
 */
public record HttpTransportConfig(
    String path,
    Set<String> allowedHosts,
    Set<String> allowedOrigins,
    @Nullable String bearerToken,
    int maxBodyBytes,
    SessionLimits sessionLimits,
    Duration sseKeepAlive,
    Duration sweepInterval,
    boolean sseWhenAccepted) {

  /** The local names a loopback server answers to. */
  public static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

  public HttpTransportConfig {
    requireNonNull(path, "path");
    allowedHosts =
        requireNonNull(allowedHosts, "allowedHosts").stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    allowedOrigins = Set.copyOf(requireNonNull(allowedOrigins, "allowedOrigins"));
    requireNonNull(sessionLimits, "sessionLimits");
    requireNonNull(sseKeepAlive, "sseKeepAlive");
    requireNonNull(sweepInterval, "sweepInterval");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
    }
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("bearerToken must not be blank");
    }
  }

  /** {@code /mcp}, local hosts only, no token, 4 MiB bodies, default limits, 15 s keep-alive, 30 s sweep. */
  public static HttpTransportConfig defaults() {
    return new HttpTransportConfig(
        "/mcp",
        LOCAL_HOSTS,
        Set.of(),
        null,
        4 * 1024 * 1024,
        SessionLimits.defaults(),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        false);
  }

  public HttpTransportConfig withBearerToken(@Nullable String token) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, token, maxBodyBytes, sessionLimits, sseKeepAlive, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withAllowedHosts(Set<String> hosts) {
    return new HttpTransportConfig(path, hosts, allowedOrigins, bearerToken, maxBodyBytes, sessionLimits, sseKeepAlive, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withAllowedOrigins(Set<String> origins) {
    return new HttpTransportConfig(path, allowedHosts, origins, bearerToken, maxBodyBytes, sessionLimits, sseKeepAlive, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withMaxBodyBytes(int bytes) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, bearerToken, bytes, sessionLimits, sseKeepAlive, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withSessionLimits(SessionLimits limits) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, bearerToken, maxBodyBytes, limits, sseKeepAlive, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withSseKeepAlive(Duration interval) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, bearerToken, maxBodyBytes, sessionLimits, interval, sweepInterval, sseWhenAccepted);
  }

  public HttpTransportConfig withSweepInterval(Duration interval) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, bearerToken, maxBodyBytes, sessionLimits, sseKeepAlive, interval, sseWhenAccepted);
  }

  public HttpTransportConfig withSseWhenAccepted(boolean sse) {
    return new HttpTransportConfig(path, allowedHosts, allowedOrigins, bearerToken, maxBodyBytes, sessionLimits, sseKeepAlive, sweepInterval, sse);
  }
}
