package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.LogLevel;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolContext;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.RunnerConfig;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.ports.MarkdownPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project tools over an in-memory log, the real projection runner and the real Markdown view
 * in a temporary directory, called directly (no transport): for tool-level behaviour that needs a
 * configuration the server harness does not expose (the rotation threshold).
 */
final class ToolHarness implements AutoCloseable {
  final InMemoryEventLog log;
  final ProjectionRunner runner;
  final ProjectTools tools;
  final MarkdownView markdown = MarkdownView.onDisk();
  private final Map<String, ToolBinding> byName = new HashMap<>();
  private final AtomicLong executions = new AtomicLong();

  ToolHarness(Path dir, long logMaxBytes) {
    AtomicLong ids = new AtomicLong();
    log =
        InMemoryEventLog.create(
            Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC),
            () -> "ev-" + ids.incrementAndGet());
    EventCodec codec = new EventCodec();
    runner = ProjectionRunner.over(log, codec, RunnerConfig.defaults(dir.resolve("projections")));
    SessionsView sessions = new SessionsView();
    AtomicLong entryIds = new AtomicLong();
    ToolKit kit =
        new ToolKit(log, log, log, codec, runner,
            Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC),
            () -> "id-" + entryIds.incrementAndGet());
    tools =
        new ProjectTools(
            kit, sessions, MarkdownPorts.docsScaffolder(new MarkdownDocs()), Optional.empty(),
            Optional.of(MarkdownPorts.logSegments(markdown)), logMaxBytes, 64);
    runner.register(sessions.projection());
    runner.register(markdown);
    tools.projections().forEach(runner::register);
    tools.tools().forEach(t -> byName.put(t.name(), t));
    runner.start();
  }

  /** Calls {@code tool} as session {@code session} with arguments given as JSON text. */
  ToolResult call(String session, String tool, String json) {
    ObjectNode args = McpJson.parseObject(json);
    ToolCall call =
        new ToolCall(session, "exec-" + executions.incrementAndGet(), tool, args, NO_CONTEXT);
    return byName.get(tool).handler().call(call).toCompletableFuture().join();
  }

  /** {@code structuredContent} of a successful call; fails on a tool error. */
  JsonNode ok(String session, String tool, String json) {
    ToolResult r = call(session, tool, json);
    if (r instanceof ToolResult.Failure f) {
      throw new AssertionError(tool + " failed: " + f.code() + ": " + f.message());
    }
    return ((ToolResult.Success) r).structuredContent();
  }

  void awaitViews() throws InterruptedException {
    if (!runner.awaitAllApplied(log.lastPosition(), java.time.Duration.ofSeconds(60))) {
      throw new AssertionError("views did not catch up");
    }
  }

  @Override
  public void close() {
    runner.close();
    log.close();
  }

  private static final ToolContext NO_CONTEXT =
      new ToolContext() {
        @Override
        public void progress(double progress) {}

        @Override
        public void progress(double progress, double total) {}

        @Override
        public void progress(double progress, double total, String message) {}

        @Override
        public void log(LogLevel level, String logger, JsonNode data) {}

        @Override
        public void log(LogLevel level, String message) {}

        @Override
        public boolean isCancelled() {
          return false;
        }

        @Override
        public void onCancel(Runnable action) {}

        @Override
        public ClientInfo clientInfo() {
          return new ClientInfo("test", "1");
        }

        @Override
        public String protocolVersion() {
          return "2025-11-25";
        }
      };
}
