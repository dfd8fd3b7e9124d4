package dev.scribe.mcp;

import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcMessage;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One newline-delimited connection (stdio, or a loopback socket bridged from {@code scribe stdio})
 * carrying exactly one session, minted by its {@code initialize}. Every message the server sends
 * goes to the one {@link MessageSink}.
 *
 * <p>{@link #receive} must be called by one thread at a time, in arrival order. Payloads are
 * processed in that order; those that arrive while {@code initialize} is being recorded wait for
 * it, so a client may pipeline {@code initialize}, {@code initialized} and its first requests.
 */
public final class McpConnection {
  private final McpServer server;
  private final MessageSink out;
  private final ResponseChannel channel;
  private final AtomicBoolean ended = new AtomicBoolean();
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private volatile @Nullable McpSession session;

  McpConnection(McpServer server, MessageSink out) {
    this.server = server;
    this.out = out;
    this.channel =
        new ResponseChannel() {
          @Override
          public boolean notify(byte[] message) {
            out.send(message);
            return true;
          }

          @Override
          public void respond(byte[] message) {
            out.send(message);
          }

          @Override
          public void abandon() {}
        };
  }

  /** The session, once {@code initialize} succeeded. */
  public Optional<McpSession> session() {
    return Optional.ofNullable(session);
  }

  /** Handles one line (without its newline). */
  public void receive(byte[] line, int offset, int length) {
    Inbound inbound = server.decode(line, offset, length);
    tail = tail.thenCompose(v -> process(inbound));
  }

  /** Handles one line (without its newline). */
  public void receive(byte[] line) {
    receive(line, 0, line.length);
  }

  private CompletionStage<Void> process(Inbound inbound) {
    if (ended.get()) {
      return done();
    }
    McpSession s = session;
    if (inbound instanceof Inbound.Rejected r) {
      out.send(McpJson.errorBytes(r.error()));
      return done();
    }
    if (inbound instanceof Inbound.Batch) {
      if (s == null || !s.allowsBatches()) {
        out.send(
            McpJson.errorBytes(
                null,
                ErrorCodes.INVALID_REQUEST,
                "Invalid Request: batches need a session that negotiated "
                    + ProtocolVersions.V2025_03_26));
        return done();
      }
      s.receive(inbound, channel);
      return done();
    }
    JsonRpcMessage m = ((Inbound.Single) inbound).message();
    if (s != null) {
      s.receive(inbound, channel);
      return done();
    }
    if (!(m instanceof JsonRpcRequest r)) {
      return done(); // notifications and responses before initialize are ignored
    }
    switch (r.method()) {
      case "initialize":
        return server
            .initialize(r, TransportKind.STDIO)
            .thenAccept(
                outcome -> {
                  if (outcome instanceof InitOutcome.Opened o) {
                    session = o.session();
                  }
                  out.send(outcome.response());
                });
      case "ping":
        out.send(McpJson.resultBytes(r.id(), McpJson.object()));
        return done();
      case "server/discover":
        // The 2026-07-28 probe: a prompt, non-modern error makes the client fall back to initialize.
        out.send(McpJson.errorBytes(r.id(), ErrorCodes.METHOD_NOT_FOUND, "Method not found: server/discover"));
        return done();
      default:
        out.send(
            McpJson.errorBytes(
                r.id(), ErrorCodes.SERVER_ERROR, "Server not initialized: send initialize first"));
        return done();
    }
  }

  /**
   * The peer closed its output (end of stdin): lets running calls finish and their responses go
   * out, then ends the session as {@code disconnected}.
   *
   * @return completes once the session is closed; the transport may then close the stream
   */
  public CompletionStage<Void> endOfInput() {
    return tail.thenCompose(
        v -> {
          McpSession s = session;
          return s == null ? done() : s.drain();
        })
        .handle((v, e) -> null)
        .thenRun(() -> close(CloseReason.DISCONNECTED));
  }

  /** Ends the session now (dropped connection, shutdown): running calls are cancelled. */
  public void close(CloseReason reason) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    McpSession s = session;
    if (s != null && s.close()) {
      McpServer.record(
          () -> server.observer().sessionClosed(s.id(), reason),
          "sessionClosed " + s.id(),
          server.executor());
    }
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
