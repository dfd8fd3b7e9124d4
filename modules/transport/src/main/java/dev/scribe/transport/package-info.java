/**
 * MCP transports on Vert.x 5: Streamable HTTP ({@link dev.scribe.transport.McpHttpHandler}),
 * newline-delimited stdio over any stream pair ({@link dev.scribe.transport.StdioTransport}), the
 * loopback listener that {@code scribe stdio} bridges to ({@link
 * dev.scribe.transport.LoopbackServer}) and the bridge itself ({@link
 * dev.scribe.transport.StdioBridge}). Wire decisions: {@code docs/mcp-wire.md}.
 */
@NullMarked
package dev.scribe.transport;

import org.jspecify.annotations.NullMarked;
