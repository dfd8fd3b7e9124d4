package dev.scribe.server;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.SessionObserver;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.TransportKind;
import java.util.concurrent.CompletionStage;

/**
 * Records the MCP layer's session lifecycle (on {@code session-<id>}) and every tool call (on
 * {@code calls-<id>}) as session-tagged events, so a session can be replayed exactly. Non-blocking: it hands the append to the
 * log and returns its future (the MCP engine answers once it completes).
 */
final class EventRecordingObserver implements SessionObserver {
  private final AppendEvents log;
  private final EventCodec codec;

  EventRecordingObserver(AppendEvents log, EventCodec codec) {
    this.log = log;
    this.codec = codec;
  }

  @Override
  public CompletionStage<Void> sessionOpened(
      String sessionId, TransportKind transport, ClientInfo client, String protocolVersion) {
    return append(
        Streams.session(sessionId),
        sessionId,
        "",
        new SessionOpened(
            sessionId, transport.wireName(), client.name(), client.version(), protocolVersion));
  }

  @Override
  public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
    return append(
        Streams.session(sessionId), sessionId, "", new SessionClosed(sessionId, reason.wireName()));
  }

  @Override
  public CompletionStage<Void> toolInvoked(ToolInvocation call) {
    return append(
        Streams.calls(call.sessionId()),
        call.sessionId(),
        call.executionId(),
        new ToolInvoked(
            call.tool(),
            call.argumentsJson(), // already a compact JSON object (ToolInvocation's contract)
            call.outcome().wireName(),
            call.errorCode(),
            call.durationMicros()));
  }

  private CompletionStage<Void> append(
      String stream, String sessionId, String executionId, ScribeEvent e) {
    return log.appendAsync(AppendRequest.of(codec.toNew(e, stream, sessionId, executionId)))
        .thenApply(r -> null);
  }
}
