package dev.scribe.mcp.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.LogLevel;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolRegistry;
import dev.scribe.mcp.ToolResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-only tools. One instance per test: the queues it exposes are its own state.
 *
 * <ul>
 *   <li>{@code echo {message}} returns {@code {"echo": message}}
 *   <li>{@code add {a, b}} returns {@code {"sum": a+b}} (read-only)
 *   <li>{@code steps {steps, tag}} reports progress 1..steps and logs one message per step at
 *       debug, info and warning, then returns {@code {"tag", "steps"}}
 *   <li>{@code block {}} blocks its executor thread until cancelled (announces itself on {@link
 *       #started})
 *   <li>{@code fail {kind}} throws: {@code argument} (IllegalArgumentException), {@code tool}
 *       (ToolException "quota_exceeded" with details), {@code bug} (NullPointerException)
 * </ul>
 */
public final class TestTools {
  /** Execution ids of {@code block} calls that are running. */
  public final BlockingQueue<String> started = new LinkedBlockingQueue<>();

  /** Execution ids of {@code block} calls whose handler saw the cancellation. */
  public final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();

  public ToolRegistry registry() {
    return builder().build();
  }

  public ToolRegistry.Builder builder() {
    return ToolRegistry.builder()
        .add(
            new ToolDefinition(
                "echo",
                "Echo",
                "Returns its message.",
                schema(
                    """
                    {"type":"object","properties":{"message":{"type":"string","minLength":1}},
                     "required":["message"],"additionalProperties":false}"""),
                schema(
                    """
                    {"type":"object","properties":{"echo":{"type":"string"}},"required":["echo"],
                     "additionalProperties":false}"""),
                ToolAnnotations.forReads()),
            call -> {
              String m = call.arguments().get("message").textValue();
              ObjectNode out = McpJson.object().put("echo", m);
              return CompletableFuture.completedFuture(ToolResult.success(out, m));
            })
        .add(
            ToolDefinition.of(
                "add",
                "Adds two integers.",
                schema(
                    """
                    {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},
                     "required":["a","b"]}"""),
                schema(
                    """
                    {"type":"object","properties":{"sum":{"type":"integer"}},"required":["sum"]}"""),
                ToolAnnotations.forReads()),
            call -> {
              long sum = call.arguments().get("a").longValue() + call.arguments().get("b").longValue();
              return CompletableFuture.completedFuture(
                  ToolResult.success(McpJson.object().put("sum", sum), Long.toString(sum)));
            })
        .add(
            ToolDefinition.of(
                "steps",
                "Reports progress and logs once per step.",
                schema(
                    """
                    {"type":"object","properties":{"steps":{"type":"integer","minimum":1,"maximum":100},
                     "tag":{"type":"string"}},"required":["steps","tag"]}"""),
                schema(
                    """
                    {"type":"object","$defs":{"count":{"type":"integer"}},
                     "properties":{"tag":{"type":"string"},"steps":{"$ref":"#/$defs/count"}},
                     "required":["tag","steps"]}"""),
                ToolAnnotations.forReads()),
            call -> {
              int steps = call.arguments().get("steps").intValue();
              String tag = call.arguments().get("tag").textValue();
              for (int i = 1; i <= steps; i++) {
                call.context().log(LogLevel.DEBUG, tag + " debug " + i);
                call.context().log(LogLevel.INFO, tag + " info " + i);
                call.context().log(LogLevel.WARNING, tag + " warning " + i);
                call.context().progress(i, steps, tag + " step " + i);
              }
              ObjectNode out = McpJson.object().put("tag", tag).put("steps", steps);
              return CompletableFuture.completedFuture(ToolResult.success(out, tag + " done"));
            })
        .add(
            ToolDefinition.of(
                "block",
                "Blocks until cancelled.",
                schema("{\"type\":\"object\"}"),
                schema("{\"type\":\"object\"}"),
                ToolAnnotations.forReads()),
            call -> {
              CountDownLatch latch = new CountDownLatch(1);
              call.context().onCancel(latch::countDown);
              started.add(call.executionId());
              try {
                if (!latch.await(60, TimeUnit.SECONDS)) {
                  return CompletableFuture.completedFuture(
                      ToolResult.error("timeout", "never cancelled"));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cancelled.add(call.executionId());
              return CompletableFuture.failedFuture(new CancellationException("cancelled"));
            })
        .add(
            ToolDefinition.of(
                "fail",
                "Fails in the way it is told to.",
                schema(
                    """
                    {"type":"object","properties":{"kind":{"enum":["argument","tool","bug"]}},
                     "required":["kind"]}"""),
                schema("{\"type\":\"object\"}"),
                ToolAnnotations.forDestructive(false)),
            call -> {
              switch (call.arguments().get("kind").textValue()) {
                case "argument":
                  throw new IllegalArgumentException("kind 'argument' is never right");
                case "tool":
                  throw new ToolException(
                      "quota_exceeded", "Quota exceeded: try later", McpJson.object().put("retryAfter", 5));
                default:
                  throw new NullPointerException("a bug");
              }
            });
  }

  public static ObjectNode schema(String json) {
    return McpJson.parseObject(json);
  }
}
