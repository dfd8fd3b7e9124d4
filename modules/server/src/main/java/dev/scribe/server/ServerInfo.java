package dev.scribe.server;

/**
 * How to reach a running server, published in {@code <data>/server.json}.
 *
 * @param stdioPort the loopback port of the newline-delimited MCP endpoint that {@code
 *     tools/scribe stdio} bridges to
 * @param tokenRequired whether requests need the bearer token in {@code <data>/server.token}
 */
public record ServerInfo(
    long pid, String host, int httpPort, int stdioPort, boolean tokenRequired, String version) {}
