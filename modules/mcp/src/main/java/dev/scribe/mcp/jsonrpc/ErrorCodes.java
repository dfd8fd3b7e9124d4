package dev.scribe.mcp.jsonrpc;

/** JSON-RPC 2.0 error codes, plus the implementation-defined ones this server uses. */
public final class ErrorCodes {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /**
   * A transport-level rejection (missing session, bad header, forbidden host...). Deliberately not
   * one of the 2026-07-28 era codes (-32020..-32022), so a modern client's probe falls back to
   * {@code initialize}.
   */
  public static final int SERVER_ERROR = -32000;

  /** The session id is unknown or the session has ended (sent with HTTP 404). */
  public static final int SESSION_NOT_FOUND = -32001;

  /** {@code resources/read} or {@code resources/subscribe} for a URI no resource matches (MCP up to 2025-11-25). */
  public static final int RESOURCE_NOT_FOUND = -32002;

  private ErrorCodes() {}
}
