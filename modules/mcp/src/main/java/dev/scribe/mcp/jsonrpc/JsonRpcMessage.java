package dev.scribe.mcp.jsonrpc;

/** One JSON-RPC 2.0 message. Decode with {@link JsonRpcDecoder}; nothing else builds them from JSON. */
public sealed interface JsonRpcMessage permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {}
