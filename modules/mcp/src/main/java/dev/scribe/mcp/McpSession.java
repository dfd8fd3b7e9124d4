package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import dev.scribe.mcp.jsonrpc.JsonRpcMessage;
import dev.scribe.mcp.jsonrpc.JsonRpcNotification;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.JsonRpcResponse;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP session and everything that belongs to it alone: negotiated version, client info, log
 * level, the in-flight calls keyed by request id (ids are unique only per session), their progress
 * tokens, the standalone stream and the SSE event counter. Thread-safe.
 */
public final class McpSession {
  private static final Logger LOG = LoggerFactory.getLogger(McpSession.class);

  private final McpServer server;
  private final String id;
  private final TransportKind transport;
  private final String protocolVersion;
  private final ClientInfo client;
  private final ClientCapabilities capabilities;

  private volatile LogLevel logLevel = LogLevel.INFO;
  private volatile boolean initializedNotified;
  private final ConcurrentHashMap<RequestId, ToolExecution> inFlight = new ConcurrentHashMap<>();
  private final AtomicReference<MessageSink> stream = new AtomicReference<>();
  // Plain volatile longs behind field updaters: two AtomicLong objects per idle session less.
  private static final AtomicLongFieldUpdater<McpSession> EVENT_IDS =
      AtomicLongFieldUpdater.newUpdater(McpSession.class, "eventIds");
  private volatile long lastActiveMillis;
  private volatile long eventIds;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Answers not yet handed to their channel; made on the first slow answer. */
  private volatile java.util.@Nullable Set<CompletableFuture<Void>> deliveries;
  // Both made on first use: most sessions never subscribe nor get a server request, and every
  // idle session's bytes count (BENCHMARKS.md, "MCP transport").
  private volatile @Nullable OutboundRequests outbound;
  private volatile java.util.@Nullable Set<String> subscriptions;

  McpSession(
      McpServer server,
      String id,
      TransportKind transport,
      String protocolVersion,
      ClientInfo client,
      ClientCapabilities capabilities) {
    this.server = server;
    this.id = id;
    this.transport = transport;
    this.protocolVersion = protocolVersion;
    this.client = client;
    this.capabilities = capabilities;
    this.lastActiveMillis = server.clock().millis();
  }

  public String id() {
    return id;
  }

  public TransportKind transport() {
    return transport;
  }

  public String protocolVersion() {
    return protocolVersion;
  }

  public ClientInfo clientInfo() {
    return client;
  }

  /** What the client declared it supports ({@link ClientCapabilities#NONE} after a restart). */
  public ClientCapabilities clientCapabilities() {
    return capabilities;
  }

  public LogLevel logLevel() {
    return logLevel;
  }

  /** True once the client sent {@code notifications/initialized}. */
  public boolean initializedNotified() {
    return initializedNotified;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Batches are accepted only from sessions that negotiated 2025-03-26. */
  public boolean allowsBatches() {
    return ProtocolVersions.allowsBatches(protocolVersion);
  }

  /** The next SSE event id; unique across all of this session's streams. */
  public long nextEventId() {
    return EVENT_IDS.incrementAndGet(this);
  }

  /** Calls still running. */
  public int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Attaches the session's one standalone (GET) stream.
   *
   * @return false if the session already has one, or has ended
   */
  public boolean attachStream(MessageSink sink) {
    if (closed.get() || !stream.compareAndSet(null, sink)) {
      return false;
    }
    if (closed.get() && stream.compareAndSet(sink, null)) {
      return false;
    }
    touch();
    return true;
  }

  /** Detaches {@code sink} if it is the attached stream (the client went away). */
  public void detachStream(MessageSink sink) {
    if (stream.compareAndSet(sink, null)) {
      touch();
    }
  }

  public boolean hasStream() {
    return stream.get() != null;
  }

  /**
   * Sends a message unrelated to any request on the standalone stream.
   *
   * @return false if there is none (the message is dropped)
   */
  public boolean sendUnrelated(byte[] message) {
    MessageSink s = stream.get();
    if (s == null) {
      return false;
    }
    s.send(message);
    return true;
  }

  /** True if the client subscribed to {@code uri} ({@code resources/subscribe}) in this session. */
  public boolean isSubscribed(String uri) {
    java.util.Set<String> s = subscriptions;
    return s != null && s.contains(uri);
  }

  /**
   * Sends {@code notifications/resources/updated} on the standalone stream if the client
   * subscribed to {@code uri}.
   *
   * @return false if it did not subscribe, or there is no stream to carry the notification
   */
  public boolean resourceUpdated(String uri) {
    if (!isSubscribed(uri)) {
      return false;
    }
    return sendUnrelated(
        McpJson.bytes(McpJson.notification("notifications/resources/updated", McpJson.object().put("uri", uri))));
  }

  void subscribe(String uri) {
    java.util.Set<String> s = subscriptions;
    if (s == null) {
      synchronized (this) {
        s = subscriptions;
        if (s == null) {
          s = ConcurrentHashMap.newKeySet();
          subscriptions = s;
        }
      }
    }
    s.add(uri);
  }

  void unsubscribe(String uri) {
    java.util.Set<String> s = subscriptions;
    if (s != null) {
      s.remove(uri);
    }
  }

  /** The requests this session sent to its client and awaits answers for. */
  OutboundRequests outbound() {
    OutboundRequests o = outbound;
    if (o == null) {
      synchronized (this) {
        o = outbound;
        if (o == null) {
          o = new OutboundRequests();
          if (closed.get()) {
            o.closeAll(); // opened after close(): its requests fail at once
          }
          outbound = o;
        }
      }
    }
    return o;
  }

  long lastActiveMillis() {
    return lastActiveMillis;
  }

  void touch() {
    lastActiveMillis = server.clock().millis();
  }

  boolean isIdle() {
    return inFlight.isEmpty() && stream.get() == null;
  }

  /**
   * Handles a decoded payload. Notifications and responses are handled at once; requests answer
   * through {@code channel}: one {@link ResponseChannel#respond} (an array for a batch) or {@link
   * ResponseChannel#abandon} if every request was cancelled. A payload without requests never
   * touches the channel. The transport has already rejected batches this session does not allow.
   */
  public void receive(Inbound inbound, ResponseChannel channel) {
    touch();
    if (inbound instanceof Inbound.Rejected r) {
      channel.respond(McpJson.errorBytes(r.error()));
      return;
    }
    boolean batch = inbound instanceof Inbound.Batch;
    List<CompletableFuture<Optional<byte[]>>> answers = new ArrayList<>();
    if (inbound instanceof Inbound.Batch b) {
      for (JsonRpcResponse.Error e : b.invalid()) {
        answers.add(
            CompletableFuture.completedFuture(
                Optional.of(McpJson.errorBytes(e))));
      }
    }
    for (JsonRpcMessage m : inbound.messages()) {
      if (m instanceof JsonRpcRequest r) {
        answers.add(request(r, channel));
      } else if (m instanceof JsonRpcNotification n) {
        notification(n);
      } else if (m instanceof JsonRpcResponse response
          && (outbound == null || !outbound().deliver(response))) {
        // Late (timed out, call ended) or never requested: nothing waits for it.
        LOG.debug("session {}: dropped a response nothing waits for: {}", id, response);
      }
    }
    if (answers.isEmpty()) {
      return;
    }
    CompletableFuture<Void> delivered;
    if (!batch) {
      delivered = answers.get(0).thenAccept(a -> deliver(channel, a));
    } else {
      delivered = deliverBatch(answers, channel);
    }
    if (!delivered.isDone()) {
      java.util.Set<CompletableFuture<Void>> pending = deliveries();
      pending.add(delivered);
      delivered.whenComplete((v, e) -> pending.remove(delivered));
    }
  }

  private static CompletableFuture<Void> deliverBatch(
      List<CompletableFuture<Optional<byte[]>>> answers, ResponseChannel channel) {
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenRun(
            () -> {
              List<byte[]> all = new ArrayList<>(answers.size());
              for (CompletableFuture<Optional<byte[]>> a : answers) {
                a.join().ifPresent(all::add);
              }
              deliver(channel, all.isEmpty() ? Optional.empty() : Optional.of(McpJson.array(all)));
            });
  }

  private static void deliver(ResponseChannel channel, Optional<byte[]> response) {
    if (response.isPresent()) {
      channel.respond(response.get());
    } else {
      channel.abandon();
    }
  }

  private CompletableFuture<Optional<byte[]>> request(JsonRpcRequest r, ResponseChannel ch) {
    try {
      switch (r.method()) {
        case "ping":
          return answer(r, McpJson.object());
        case "tools/list":
          return answer(r, server.tools().page(stringParam(r, "cursor")));
        case "tools/call":
          return callTool(r, ch);
        case "logging/setLevel":
          return setLevel(r);
        case "initialize":
          throw new JsonRpcException(
              ErrorCodes.INVALID_REQUEST,
              "Invalid Request: session already initialized");
        default:
          return server
              .features()
              .handle(this, r)
              .map(result -> featureAnswer(r, result))
              .orElseThrow(
                  () -> new JsonRpcException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + r.method()));
      }
    } catch (JsonRpcException e) {
      return CompletableFuture.completedFuture(
          Optional.of(McpJson.errorBytes(r.id(), e.code(), e.getMessage(), e.data().orElse(null))));
    } catch (RuntimeException e) {
      LOG.error("session {}: {} failed", id, r.method(), e);
      return CompletableFuture.completedFuture(
          Optional.of(McpJson.errorBytes(r.id(), ErrorCodes.INTERNAL_ERROR, "Internal error")));
    }
  }

  /** A feature's result or failure as a response; only protocol faults keep their own message. */
  private CompletableFuture<Optional<byte[]>> featureAnswer(
      JsonRpcRequest r, CompletableFuture<JsonNode> result) {
    return result.handle(
        (v, e) -> {
          if (e == null) {
            return Optional.of(McpJson.resultBytes(r.id(), v));
          }
          Throwable t = ErrorTable.unwrap(e);
          if (t instanceof JsonRpcException j) {
            return Optional.of(McpJson.errorBytes(r.id(), j.code(), j.getMessage(), j.data().orElse(null)));
          }
          LOG.error("session {}: {} failed", id, r.method(), t);
          return Optional.of(McpJson.errorBytes(r.id(), ErrorCodes.INTERNAL_ERROR, "Internal error"));
        });
  }

  private static CompletableFuture<Optional<byte[]>> answer(JsonRpcRequest r, JsonNode result) {
    return CompletableFuture.completedFuture(Optional.of(McpJson.resultBytes(r.id(), result)));
  }

  private CompletableFuture<Optional<byte[]>> setLevel(JsonRpcRequest r) {
    Optional<String> level = stringParam(r, "level");
    if (level.isEmpty()) {
      throw JsonRpcException.invalidParams("logging/setLevel needs params.level");
    }
    logLevel =
        LogLevel.fromWire(level.get())
            .orElseThrow(
                () -> JsonRpcException.invalidParams("Invalid log level: " + level.get()));
    return answer(r, McpJson.object());
  }

  private CompletableFuture<Optional<byte[]>> callTool(JsonRpcRequest r, ResponseChannel ch) {
    JsonNode params = r.params();
    if (!(params instanceof ObjectNode p)) {
      throw JsonRpcException.invalidParams("tools/call needs params");
    }
    JsonNode name = p.get("name");
    if (name == null || !name.isTextual()) {
      throw JsonRpcException.invalidParams("tools/call needs params.name (a string)");
    }
    JsonNode args = p.get("arguments");
    ObjectNode arguments;
    if (args == null || args.isNull()) {
      arguments = McpJson.object();
    } else if (args instanceof ObjectNode o) {
      arguments = o;
    } else {
      throw JsonRpcException.invalidParams("tools/call params.arguments must be an object");
    }
    RegisteredTool tool =
        server
            .tools()
            .find(name.textValue())
            .orElseThrow(() -> JsonRpcException.invalidParams("Unknown tool: " + name.textValue()));
    Optional<RequestId> progressToken = Optional.empty();
    JsonNode meta = p.get("_meta");
    if (meta != null && meta.isObject() && meta.has("progressToken")) {
      progressToken = RequestId.from(meta.get("progressToken"));
    }
    ToolExecution call =
        new ToolExecution(this, server, r.id(), tool, arguments, progressToken, ch);
    if (inFlight.putIfAbsent(r.id(), call) != null) {
      throw new JsonRpcException(
          ErrorCodes.INVALID_REQUEST,
          "Invalid Request: request id " + r.id() + " is already in use in this session");
    }
    // A cheap call runs here when nothing in it can block; only a channel that never blocks may
    // be used from this thread (an HTTP exchange; stdio's reader goes through the executor).
    if (ch.neverBlocks() && call.runAtOnce()) {
      return call.response();
    }
    try {
      server.executor().execute(call::run);
    } catch (RejectedExecutionException e) {
      inFlight.remove(r.id(), call);
      throw new JsonRpcException(ErrorCodes.INTERNAL_ERROR, "Server is shutting down");
    }
    return call.response();
  }

  void finished(ToolExecution call) {
    inFlight.remove(call.requestId(), call);
    touch();
  }

  private void notification(JsonRpcNotification n) {
    switch (n.method()) {
      case "notifications/initialized":
        initializedNotified = true;
        break;
      case "notifications/cancelled":
        JsonNode p = n.params();
        JsonNode requestId = p == null ? null : p.get("requestId");
        if (requestId != null) {
          RequestId.from(requestId)
              .map(inFlight::get)
              .ifPresent(ToolExecution::cancel);
        }
        break;
      default:
        // notifications/progress, roots/list_changed ...: nothing to do; unknown ones are ignored.
        break;
    }
  }

  /** Ends the session: running calls are cancelled (no responses), the stream is closed. */
  boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    for (ToolExecution call : inFlight.values()) {
      call.cancel();
    }
    synchronized (this) {
      OutboundRequests o = outbound;
      if (o != null) {
        o.closeAll();
      }
    }
    MessageSink s = stream.getAndSet(null);
    if (s != null) {
      s.close();
    }
    return true;
  }

  /**
   * Completes when every answer pending now has been handed to its channel (so a transport that
   * closes afterwards never cuts a response off).
   */
  CompletableFuture<Void> drain() {
    java.util.Set<CompletableFuture<Void>> pending = deliveries;
    return pending == null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
  }

  private java.util.Set<CompletableFuture<Void>> deliveries() {
    java.util.Set<CompletableFuture<Void>> d = deliveries;
    if (d == null) {
      synchronized (this) {
        d = deliveries;
        if (d == null) {
          d = ConcurrentHashMap.newKeySet();
          deliveries = d;
        }
      }
    }
    return d;
  }

  static Optional<String> stringParam(JsonRpcRequest r, String name) {
    JsonNode p = r.params();
    if (p == null || !p.isObject()) {
      return Optional.empty();
    }
    JsonNode v = p.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw JsonRpcException.invalidParams("params." + name + " must be a string");
    }
    return Optional.of(v.textValue());
  }

  @Override
  public String toString() {
    return "McpSession[" + transport.wireName() + ", " + protocolVersion + ", " + client.name() + "]";
  }
}
