/**
 * The MCP protocol engine, transport-agnostic and free of Vert.x and storage: lifecycle and
 * version negotiation, per-session state, the tool SPI and registry, the exception-to-error table
 * and the recording hook ({@link dev.scribe.mcp.SessionObserver}).
 *
 * <p>Transports feed decoded payloads into a {@link dev.scribe.mcp.McpSession} (HTTP, via the
 * {@link dev.scribe.mcp.SessionRegistry}) or into an {@link dev.scribe.mcp.McpConnection}
 * (newline-delimited streams), and receive the server's messages through a {@link
 * dev.scribe.mcp.ResponseChannel} or a {@link dev.scribe.mcp.MessageSink}.
 */
@NullMarked
package dev.scribe.mcp;

import org.jspecify.annotations.NullMarked;
