/**
 * JSON-RPC 2.0 framing: the sealed message type, request ids, error codes and the one decoder.
 * Knows nothing about MCP methods.
 */
@NullMarked
package dev.scribe.mcp.jsonrpc;

import org.jspecify.annotations.NullMarked;
