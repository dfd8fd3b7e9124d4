package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The loopback listener that {@code scribe stdio} bridges to.
 *
 * @param host the address to bind ({@code 127.0.0.1}: never expose it)
 * @param port 0 for any free port
 * @param token when set, a connection's first line must be {@code {"auth":"<token>"}}
 * @param maxLineBytes a longer line closes the connection
 */
public record LoopbackConfig(String host, int port, @Nullable String token, int maxLineBytes) {
  public LoopbackConfig {
    requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1024");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
  }

  /** 127.0.0.1, any port, no token, 4 MiB lines. */
  public static LoopbackConfig defaults() {
    return new LoopbackConfig("127.0.0.1", 0, null, StdioTransport.DEFAULT_MAX_LINE_BYTES);
  }

  public LoopbackConfig withToken(@Nullable String t) {
    return new LoopbackConfig(host, port, t, maxLineBytes);
  }

  public LoopbackConfig withPort(int p) {
    return new LoopbackConfig(host, p, token, maxLineBytes);
  }
}
