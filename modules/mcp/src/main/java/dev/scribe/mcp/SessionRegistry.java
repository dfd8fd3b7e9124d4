package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live HTTP sessions, by id. An id that is not here (never issued, deleted, expired, evicted)
 * is unknown, and the transport answers 404. Thread-safe.
 */
public final class SessionRegistry {
  private final McpServer server;
  private final SessionLimits limits;
  private final ConcurrentHashMap<String, McpSession> sessions = new ConcurrentHashMap<>();

  SessionRegistry(McpServer server, SessionLimits limits) {
    this.server = requireNonNull(server, "server");
    this.limits = requireNonNull(limits, "limits");
  }

  public McpServer server() {
    return server;
  }

  public SessionLimits limits() {
    return limits;
  }

  /**
   * Handles an {@code initialize} that carried no session id: mints a session, records it, makes
   * room under the cap, and registers it before the response is returned.
   */
  public CompletionStage<InitOutcome> initialize(JsonRpcRequest request) {
    return server
        .initialize(request, TransportKind.HTTP)
        .thenApply(
            outcome -> {
              if (outcome instanceof InitOutcome.Opened o) {
                add(o.session());
              }
              return outcome;
            });
  }

  /**
   * Registers a session that was open before a restart (from the event log). It behaves like an
   * initialized session; {@code sessionOpened} is not called again.
   */
  public McpSession restore(RestoredSession restored) {
    McpSession s =
        new McpSession(
            server,
            restored.sessionId(),
            TransportKind.HTTP,
            restored.protocolVersion(),
            restored.client(),
            // Not recorded in the log: the server sends no client requests to a restored session.
            ClientCapabilities.NONE);
    add(s);
    return s;
  }

  private void add(McpSession session) {
    while (sessions.size() >= limits.maxSessions()) {
      Optional<McpSession> victim = leastRecentlyActive();
      if (victim.isEmpty()) {
        break;
      }
      close(victim.get().id(), CloseReason.EVICTED);
    }
    sessions.put(session.id(), session);
  }

  /** Idle sessions first (no running call, no GET stream), then any, least recently active first. */
  private Optional<McpSession> leastRecentlyActive() {
    McpSession idle = null;
    McpSession any = null;
    for (McpSession s : sessions.values()) {
      if (any == null || s.lastActiveMillis() < any.lastActiveMillis()) {
        any = s;
      }
      if (s.isIdle() && (idle == null || s.lastActiveMillis() < idle.lastActiveMillis())) {
        idle = s;
      }
    }
    return Optional.ofNullable(idle != null ? idle : any);
  }

  /** The live session with this id, marked active now. */
  public Optional<McpSession> find(String sessionId) {
    McpSession s = sessions.get(sessionId);
    if (s == null) {
      return Optional.empty();
    }
    s.touch();
    return Optional.of(s);
  }

  /**
   * Ends a session: running calls are cancelled, its stream closed, the observer told; the id
   * answers 404 from now on.
   *
   * @return false if no such session was live
   */
  public boolean close(String sessionId, CloseReason reason) {
    McpSession s = sessions.remove(sessionId);
    if (s == null || !s.close()) {
      return false;
    }
    McpServer.record(
        () -> server.observer().sessionClosed(sessionId, reason),
        "sessionClosed " + sessionId,
        server.executor());
    return true;
  }

  /**
   * Closes every session idle for at least the TTL (by the injected clock) as {@code expired}.
   *
   * @return the ids closed
   */
  public List<String> sweep() {
    List<String> closed = new ArrayList<>();
    if (limits.idleTtl().isZero()) {
      return closed;
    }
    long now = server.clock().millis();
    long ttl = limits.idleTtl().toMillis();
    for (McpSession s : sessions.values()) {
      if (s.isIdle() && now - s.lastActiveMillis() >= ttl && close(s.id(), CloseReason.EXPIRED)) {
        closed.add(s.id());
      }
    }
    return closed;
  }

  public int size() {
    return sessions.size();
  }

  /** The live session ids (a snapshot). */
  public List<String> ids() {
    return new ArrayList<>(sessions.keySet());
  }
}
