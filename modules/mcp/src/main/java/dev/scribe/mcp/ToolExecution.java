package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code tools/call}: validation, the handler, recording and the response, plus the
 * {@link ToolContext} the handler sees. Its flags (cancelled, finished) change under a lock, so "was a response sent?" and "what outcome was recorded?" always agree.
 */
final class ToolExecution implements ToolContext {
  private static final Logger LOG = LoggerFactory.getLogger(ToolExecution.class);

  private final McpSession session;
  private final McpServer server;
  private final RequestId requestId;
  private final RegisteredTool tool;
  private final ObjectNode arguments;
  private final Optional<RequestId> progressToken;
  private final ResponseChannel channel;
  private final String executionId;
  private final Instant started;
  private final CompletableFuture<Optional<ObjectNode>> response = new CompletableFuture<>();

  private boolean cancelled;
  private boolean finished;
  private double lastProgress = Double.NEGATIVE_INFINITY;
  private List<Runnable> cancelActions = new ArrayList<>(1);

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
  CompletableFuture<Optional<ObjectNode>> response() {
    return response;
  }

  /** Runs on the executor: validate, then call the handler. */
  void run() {
    String argumentsJson = McpJson.text(arguments);
    if (isCancelled()) {
      finish(argumentsJson, null, new CancellationException());
      return;
    }
    Optional<ToolResult> refusal;
    try {
      refusal =
          server.gate().refusal(new ToolCall(session.id(), executionId, tool.definition().name(), arguments, this));
    } catch (RuntimeException e) {
      finish(argumentsJson, null, e);
      return;
    }
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
    ToolCall call =
        new ToolCall(session.id(), executionId, tool.definition().name(), arguments, this);
    CompletionStage<ToolResult> stage;
    try {
      stage = tool.handler().call(call);
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
    session.finished(this);
    ToolOutcome outcome;
    String errorCode = null;
    ObjectNode callResult = null;
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
      } else {
        outcome = ToolOutcome.OK;
      }
      callResult = callToolResult(r);
    }
    long micros = Duration.between(started, server.clock().instant()).toNanos() / 1_000;
    ToolInvocation invocation =
        new ToolInvocation(
            session.id(), executionId, tool.definition().name(), argumentsJson, outcome, errorCode, micros);
    ObjectNode message = callResult == null ? null : McpJson.resultMessage(requestId, callResult);
    McpServer.record(
            () -> server.observer().toolInvoked(invocation),
            "toolInvoked " + executionId,
            server.executor())
        .thenRun(() -> response.complete(Optional.ofNullable(message)));
  }

  static ObjectNode callToolResult(ToolResult r) {
    ObjectNode out = McpJson.object();
    if (r instanceof ToolResult.Success s) {
      out.putArray("content").addObject().put("type", "text").put("text", s.text());
      out.set("structuredContent", s.structuredContent());
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
  public ClientInfo clientInfo() {
    return session.clientInfo();
  }

  @Override
  public String protocolVersion() {
    return session.protocolVersion();
  }
}
