package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code tools/call}: validation, the handler, recording and the response, plus the
 * {@link ToolContext} the handler sees. Its flags (cancelled, finished) change under a lock, so "was a response sent?" and "what outcome was recorded?" always agree.
 *
 * <p>Requests the handler sends to the client ({@link #request}) go out on the call's own channel,
 * and fail once the call is cancelled or finished, so none outlives the call that asked.
 */
final class ToolExecution implements ToolContext {
  private static final Logger LOG = LoggerFactory.getLogger(ToolExecution.class);
  /** The recorded error code of a {@link ToolResult.Blocks} failure (it carries none of its own). */
  static final String BLOCKS_ERROR_CODE = "tool_error";

  private final McpSession session;
  private final McpServer server;
  private final RequestId requestId;
  private final RegisteredTool tool;
  private final ObjectNode arguments;
  private final Optional<RequestId> progressToken;
  private final ResponseChannel channel;
  private final String executionId;
  private final Instant started;
  private final CompletableFuture<Optional<byte[]>> response = new CompletableFuture<>();

  private boolean cancelled;
  private boolean finished;
  private double lastProgress = Double.NEGATIVE_INFINITY;
  private List<Runnable> cancelActions = new ArrayList<>(1);
  private final List<OutboundRequests.Pending> outstanding = new ArrayList<>(0);

  ToolExecution(
      McpSession session,
      McpServer server,
      RequestId requestId,
      RegisteredTool tool,
      ObjectNode arguments,
      Optional<RequestId> progressToken,
      ResponseChannel channel) {
    this.session = session;
    this.server = server;
    this.requestId = requestId;
    this.tool = tool;
    this.arguments = arguments;
    this.progressToken = progressToken;
    this.channel = channel;
    this.executionId = server.newExecutionId();
    this.started = server.clock().instant();
  }

  RequestId requestId() {
    return requestId;
  }

  /** The JSON-RPC response to send, or empty if none may be sent (cancelled). */
  CompletableFuture<Optional<byte[]>> response() {
    return response;
  }

  /** Runs on the executor: the gate (which may wait, and may record), validation, the handler. */
  void run() {
    String argumentsJson = McpJson.text(arguments);
    if (isCancelled()) {
      finish(argumentsJson, null, new CancellationException());
      return;
    }
    Optional<ToolResult> refusal;
    try {
      refusal = server.gate().refusal(toolCall());
    } catch (RuntimeException e) {
      finish(argumentsJson, null, e);
      return;
    }
    proceed(argumentsJson, refusal);
  }

  /**
   * Runs the call here, on the transport's thread, when its handler {@linkplain
   * ToolHandler#neverBlocks never blocks} and the gate can answer at once: one thread hop less
   * for a cheap call. Returns false, having done nothing, when the call must go to the executor.
   */
  boolean runAtOnce() {
    if (!tool.handler().neverBlocks()) {
      return false;
    }
    ToolGate.AtOnce verdict;
    try {
      verdict = server.gate().refusalAtOnce(toolCall());
    } catch (RuntimeException e) {
      return false; // the executor runs the gate again and records its failure
    }
    if (!(verdict instanceof ToolGate.AtOnce.Answer answer)) {
      return false;
    }
    proceed(McpJson.text(arguments), answer.refusal());
    return true;
  }

  private ToolCall toolCall() {
    return new ToolCall(session.id(), executionId, tool.definition().name(), arguments, this);
  }

  /** After the gate: validation, then the handler. */
  private void proceed(String argumentsJson, Optional<ToolResult> refusal) {
    if (refusal.isPresent()) {
      finish(argumentsJson, refusal.get(), null);
      return;
    }
    Optional<String> violation;
    try {
      violation = tool.inputViolation(arguments);
    } catch (RuntimeException e) {
      finish(argumentsJson, null, e);
      return;
    }
    if (violation.isPresent()) {
      finish(
          argumentsJson,
          ToolResult.error(ErrorTable.INVALID_ARGUMENTS, "Invalid arguments: " + violation.get()),
          null);
      return;
    }
    CompletionStage<ToolResult> stage;
    try {
      stage = tool.handler().call(toolCall());
    } catch (RuntimeException | Error e) {
      finish(argumentsJson, null, e);
      return;
    }
    if (stage == null) {
      finish(argumentsJson, null, new IllegalStateException("handler returned no stage"));
      return;
    }
    stage.whenComplete((result, error) -> finish(argumentsJson, result, error));
  }

  private void finish(String argumentsJson, @Nullable ToolResult result, @Nullable Throwable error) {
    boolean wasCancelled;
    synchronized (this) {
      if (finished) {
        return;
      }
      wasCancelled = cancelled;
      finished = true;
    }
    failOutstanding("the call finished");
    session.finished(this);
    ToolOutcome outcome;
    String errorCode = null;
    ToolResult answered = null;
    if (wasCancelled) {
      outcome = ToolOutcome.CANCELLED;
    } else {
      ToolResult r = result;
      if (error != null || r == null) {
        Throwable t = error != null ? error : new IllegalStateException("handler returned null");
        if (server.errors().isUnexpected(t)) {
          LOG.warn("tool {} failed (session {}, execution {})", tool.definition().name(), session.id(), executionId, t);
        }
        r = server.errors().map(t);
      } else if (r instanceof ToolResult.Blocks b
          && !b.isError()
          && tool.definition().outputSchema() != null
          && server.validateOutput()) {
        LOG.warn("tool {} has an output schema but returned no structured content", tool.definition().name());
        r = ToolResult.error(ErrorTable.INTERNAL_ERROR, "Internal error: the tool returned no structured content");
      } else if (r instanceof ToolResult.Success s && server.validateOutput()) {
        Optional<String> bad = tool.outputViolation(s.structuredContent());
        if (bad.isPresent()) {
          LOG.warn("tool {} returned content that breaks its output schema: {}", tool.definition().name(), bad.get());
          r = ToolResult.error(ErrorTable.INTERNAL_ERROR, "Internal error: result does not match the output schema: " + bad.get());
        }
      }
      if (r instanceof ToolResult.Failure f) {
        outcome = ToolOutcome.TOOL_ERROR;
        errorCode = f.code();
      } else if (r instanceof ToolResult.Blocks b && b.isError()) {
        outcome = ToolOutcome.TOOL_ERROR;
        errorCode = BLOCKS_ERROR_CODE;
      } else {
        outcome = ToolOutcome.OK;
      }
      answered = r;
    }
    long micros = Duration.between(started, server.clock().instant()).toNanos() / 1_000;
    ToolInvocation invocation =
        new ToolInvocation(
            session.id(),
            executionId,
            tool.definition().name(),
            argumentsJson,
            outcome,
            errorCode,
            micros,
            tool.definition().annotations().readOnly());
    // Encoded here, on the tool thread, so that the recording's completion only hands the bytes
    // on. A channel that never blocks takes them on the recorder's own thread (the event log's
    // writer), which saves a thread hop per call; any other channel gets them from the executor.
    byte[] message = answered == null ? null : answerBytes(requestId, answered);
    Executor continuations = channel.neverBlocks() ? Runnable::run : server.executor();
    McpServer.record(
        () -> server.observer().toolInvoked(invocation),
        "toolInvoked " + executionId,
        continuations,
        () -> response.complete(Optional.ofNullable(message)));
  }

  /** The encoded answer carrying {@code r}. */
  static byte[] answerBytes(RequestId id, ToolResult r) {
    return r instanceof ToolResult.Success s
        ? SuccessAnswer.bytes(id, s)
        : McpJson.resultBytes(id, callToolResult(r));
  }

  static ObjectNode callToolResult(ToolResult r) {
    ObjectNode out = McpJson.object();
    if (r instanceof ToolResult.Success s) {
      out.putArray("content").addObject().put("type", "text").put("text", s.text());
      out.set("structuredContent", s.structuredContent());
      return out;
    }
    if (r instanceof ToolResult.Blocks b) {
      ArrayNode content = out.putArray("content");
      b.content().forEach(c -> content.add(c.toJson()));
      if (b.isError()) {
        out.put("isError", true);
      }
      return out;
    }
    ToolResult.Failure f = (ToolResult.Failure) r;
    out.putArray("content").addObject().put("type", "text").put("text", f.message());
    ObjectNode sc = out.putObject("structuredContent");
    sc.put("ok", false);
    sc.putObject("error").put("code", f.code()).put("message", f.message());
    for (java.util.Map.Entry<String, JsonNode> e : f.details().properties()) {
      if (!e.getKey().equals("ok") && !e.getKey().equals("error")) {
        sc.set(e.getKey(), e.getValue());
      }
    }
    out.put("isError", true);
    return out;
  }

  /** The client cancelled, or the session ended: no response will be sent. */
  void cancel() {
    List<Runnable> actions;
    synchronized (this) {
      if (cancelled || finished) {
        return;
      }
      cancelled = true;
      actions = cancelActions;
      cancelActions = List.of();
    }
    // Release the transport exchange now; the outcome is recorded when the handler returns.
    response.complete(Optional.empty());
    failOutstanding("the call was cancelled");
    for (Runnable a : actions) {
      runQuietly(a);
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("cancel action failed", e);
    }
  }

  // -- ToolContext -------------------------------------------------------------------------------

  @Override
  public void progress(double progress) {
    sendProgress(progress, Double.NaN, null);
  }

  @Override
  public void progress(double progress, double total) {
    sendProgress(progress, total, null);
  }

  @Override
  public void progress(double progress, double total, String message) {
    sendProgress(progress, total, message);
  }

  private void sendProgress(double progress, double total, @Nullable String message) {
    if (progressToken.isEmpty()) {
      return;
    }
    synchronized (this) {
      // Progress MUST increase and MUST stop once the request is no longer in progress.
      if (cancelled || finished || !(progress > lastProgress)) {
        return;
      }
      lastProgress = progress;
      ObjectNode params = McpJson.object();
      params.set("progressToken", progressToken.get().toJson());
      params.put("progress", progress);
      if (!Double.isNaN(total)) {
        params.put("total", total);
      }
      if (message != null) {
        params.put("message", message);
      }
      // Sent under the lock so that two progress values can never overtake each other.
      channel.notify(McpJson.bytes(McpJson.notification("notifications/progress", params)));
    }
  }

  @Override
  public void log(LogLevel level, String logger, JsonNode data) {
    if (!level.atLeast(session.logLevel())) {
      return;
    }
    ObjectNode params = McpJson.object();
    params.put("level", level.wireName());
    params.put("logger", logger);
    params.set("data", data);
    synchronized (this) {
      if (cancelled || finished) {
        return;
      }
      channel.notify(McpJson.bytes(McpJson.notification("notifications/message", params)));
    }
  }

  @Override
  public void log(LogLevel level, String message) {
    log(level, tool.definition().name(), TextNode.valueOf(message));
  }

  @Override
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (!cancelled) {
        if (!finished) {
          cancelActions.add(action);
        }
        return;
      }
    }
    runQuietly(action);
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return session.clientCapabilities();
  }

  @Override
  public CompletionStage<JsonNode> request(String method, ObjectNode params, Duration timeout) {
    OutboundRequests.Pending p = session.outbound().open(method);
    byte[] message = McpJson.bytes(McpJson.request(p.id(), method, params));
    boolean live;
    boolean sent = false;
    synchronized (this) {
      live = !cancelled && !finished;
      if (live) {
        outstanding.add(p);
        // Under the lock, like progress: the request cannot overtake what the call sent before it.
        sent = channel.notify(message) || session.sendUnrelated(message);
      }
    }
    if (!live) {
      p.answer().completeExceptionally(new CancellationException("the call is no longer running"));
    } else if (!sent) {
      p.answer()
          .completeExceptionally(
              new UnsupportedOperationException(
                  "No stream can carry a request to this client: its POST accepts only JSON and it"
                      + " has no GET stream open"));
    } else {
      failOnTimeout(p, timeout);
    }
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    // Answers arrive on a transport thread, timeouts on the JDK's timer thread: the handler's
    // continuation runs on the executor instead, never on either.
    p.answer()
        .whenCompleteAsync(
            (v, e) -> {
              if (e == null) {
                out.complete(v);
              } else {
                out.completeExceptionally(ErrorTable.unwrap(e));
              }
            },
            server.executor());
    return out;
  }

  /** The JDK's shared delay timer: one scheduled task per request, no thread of our own. */
  private void failOnTimeout(OutboundRequests.Pending p, Duration timeout) {
    CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS, server.executor())
        .execute(
            () -> {
              if (p.answer().isDone()) {
                return;
              }
              // The sender SHOULD tell the receiver it gave up (cancellation utility). Sent before
              // the request fails, so it precedes the call's response on the same stream; an answer
              // racing in meanwhile makes it a cancel of a completed request, which the receiver
              // may ignore.
              ObjectNode params = McpJson.object();
              params.set("requestId", p.id().toJson());
              params.put("reason", "timed out");
              byte[] cancel = McpJson.bytes(McpJson.notification("notifications/cancelled", params));
              boolean sent;
              synchronized (this) {
                sent = !cancelled && !finished && channel.notify(cancel);
              }
              if (!sent) {
                session.sendUnrelated(cancel);
              }
              p.answer()
                  .completeExceptionally(
                      new TimeoutException(p.method() + " got no answer from the client within " + timeout));
            });
  }

  private void failOutstanding(String why) {
    List<OutboundRequests.Pending> pending;
    synchronized (this) {
      pending = List.copyOf(outstanding);
      outstanding.clear();
    }
    for (OutboundRequests.Pending p : pending) {
      p.answer().completeExceptionally(new CancellationException(why));
    }
  }

  @Override
  public ClientInfo clientInfo() {
    return session.clientInfo();
  }

  @Override
  public String protocolVersion() {
    return session.protocolVersion();
  }
}
