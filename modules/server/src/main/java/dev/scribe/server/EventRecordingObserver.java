package dev.scribe.server;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.Acknowledgement;
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
 * {@code calls-<id>}) as session-tagged events, so a session can be replayed exactly.
 * Non-blocking: it hands the append to the log and returns its future (the MCP engine answers once
 * it completes).
 *
 * <p>Durability: session events and the records of state-changing calls complete once durable. The
 * record of a read-only call completes once written ({@link Acknowledgement#WRITTEN}): it is in the
 * log, in order, before the answer leaves, and its fsync follows within the {@code batch} policy's
 * deferral (at once when a write is queued behind it), but the answer does not wait for the disk.
 * A read changed nothing, so all that a machine crash in that window could lose is the record of
 * the read itself; any later durable append in the log makes it durable too. Without this, every
 * read under {@code --fsync batch} waited a full fsync.
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
        Acknowledgement.DURABLE,
        Streams.session(sessionId),
        sessionId,
        "",
        new SessionOpened(
            sessionId, transport.wireName(), client.name(), client.version(), protocolVersion));
  }

  @Override
  public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
    return append(
        Acknowledgement.DURABLE,
        Streams.session(sessionId),
        sessionId,
        "",
        new SessionClosed(sessionId, reason.wireName()));
  }

  @Override
  public CompletionStage<Void> toolInvoked(ToolInvocation call) {
    return append(
        call.readOnly() ? Acknowledgement.WRITTEN : Acknowledgement.DURABLE,
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
      Acknowledgement when, String stream, String sessionId, String executionId, ScribeEvent e) {
    return log.appendAsync(AppendRequest.of(codec.toNew(e, stream, sessionId, executionId)), when)
        .thenApply(r -> null);
  }
}
