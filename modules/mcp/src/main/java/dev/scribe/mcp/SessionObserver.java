package dev.scribe.mcp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The recording hook: the composition root appends these as session-tagged events. The engine
 * waits for {@link #sessionOpened} before answering {@code initialize} and for {@link
 * #toolInvoked} before sending a {@code tools/call} result, so an answered call is always recorded
 * first (how durably is the observer's choice: see {@link ToolInvocation#readOnly}). A failed
 * stage (or a throw) is logged and the protocol carries on.
 *
 * <p>Calls come from transport event loops and from the tool executor: implementations must not
 * block.
 */
public interface SessionObserver {

  /** Records nothing. */
  SessionObserver NONE =
      new SessionObserver() {
        @Override
        public CompletionStage<Void> sessionOpened(
            String sessionId,
            TransportKind transport,
            ClientInfo client,
            String protocolVersion) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> toolInvoked(ToolInvocation invocation) {
          return CompletableFuture.completedFuture(null);
        }
      };

  /** A session was minted by {@code initialize} (not called for restored sessions). */
  CompletionStage<Void> sessionOpened(
      String sessionId, TransportKind transport, ClientInfo client, String protocolVersion);

  /** A session ended; its id answers 404 from now on. Called once per session. */
  CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason);

  /** A {@code tools/call} finished (reads included). */
  CompletionStage<Void> toolInvoked(ToolInvocation invocation);
}
