package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a running tool may do besides returning: report progress, log to the client, notice
 * cancellation. Every method is thread-safe and never blocks; messages go only to the session and
 * request that made the call.
 */
public interface ToolContext {

  /**
   * Sends {@code notifications/progress} if the request carried a {@code progressToken}. Values
   * that do not increase, and anything after the call finished or was cancelled, are dropped.
   */
  void progress(double progress);

  void progress(double progress, double total);

  void progress(double progress, double total, String message);

  /**
   * Sends {@code notifications/message} if {@code level} is at least the session's level ({@code
   * logging/setLevel}; {@code info} until the client sets one).
   */
  void log(LogLevel level, String logger, JsonNode data);

  /** {@link #log(LogLevel, String, JsonNode)} with a text and the tool's name as logger. */
  void log(LogLevel level, String message);

  /** True once the client cancelled the request or the session ended. */
  boolean isCancelled();

  /**
   * Runs {@code action} once when the call is cancelled (immediately, on the calling thread, if it
   * already is). Actions must be quick and must not throw.
   */
  void onCancel(Runnable action);

  /** The client's {@code clientInfo}. */
  ClientInfo clientInfo();

  /** The session's negotiated protocol version. */
  String protocolVersion();
}
