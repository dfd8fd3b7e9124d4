package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.jsonrpc.JsonRpcResponse;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests one session sent to its client and still waits for, keyed by ids the session
 * minted. Ids only need to be unique per session (the client answers on that session), and they
 * live in a different namespace from the client's own request ids, so a counter is enough.
 * Thread-safe.
 */
final class OutboundRequests {
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentHashMap<RequestId, Pending> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One request awaiting its answer; {@code answer} completes at most once, from any thread. */
  record Pending(RequestId id, String method, CompletableFuture<JsonNode> answer) {}

  /** Mints an id and starts waiting for its answer. */
  Pending open(String method) {
    RequestId id = RequestId.of(ids.incrementAndGet());
    Pending p = new Pending(id, method, new CompletableFuture<>());
    pending.put(id, p);
    p.answer().whenComplete((v, e) -> pending.remove(id, p));
    if (closed) { // closeAll ran concurrently and may have missed it
      p.answer().completeExceptionally(new CancellationException("the session ended"));
    }
    return p;
  }

  /**
   * Completes the request a client's response answers.
   *
   * @return false if nothing waits for that id (never sent, timed out, or already answered)
   */
  boolean deliver(JsonRpcResponse response) {
    RequestId id =
        response instanceof JsonRpcResponse.Result r ? r.id() : ((JsonRpcResponse.Error) response).id();
    Pending p = id == null ? null : pending.get(id);
    if (p == null) {
      return false;
    }
    if (response instanceof JsonRpcResponse.Result r) {
      return p.answer().complete(r.result());
    }
    JsonRpcResponse.Error e = (JsonRpcResponse.Error) response;
    return p.answer()
        .completeExceptionally(new ClientRequestException(p.method(), e.code(), e.message(), e.data()));
  }

  /** Fails every waiting request (the session ended); later {@link #open}s fail at once. */
  void closeAll() {
    closed = true;
    for (Pending p : pending.values()) {
      // Out of the table before anyone hears of the failure: the removal registered in open()
      // runs after dependents registered later (CompletableFuture runs them newest first).
      pending.remove(p.id(), p);
      p.answer().completeExceptionally(new CancellationException("the session ended"));
    }
  }

  int size() {
    return pending.size();
  }
}
