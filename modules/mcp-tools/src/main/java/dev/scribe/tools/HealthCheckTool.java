package dev.scribe.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolHandler;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.ProjectionStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code health_check}: the event log's position and every projection's state and lag. A
 * project-mode tool (sentinel mode's list is exhaustive; operators also have {@code GET /health}).
 */
public final class HealthCheckTool {
  public static final String NAME = "health_check";

  private HealthCheckTool() {}

  public static ToolBinding binding(ToolKit kit) {
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Reports whether Scribe is healthy: the event log's last position and each projection's"
                + " state (CATCHING_UP, LIVE, FAILED, STOPPED), applied position and lag.",
            Schemas.object().closed().build(),
            Schemas.object()
                .req("ok", Schemas.bool("true when every projection is live or catching up"))
                .req("status", Schemas.stringEnum("overall status", List.of("healthy", "degraded")))
                .req("log_position", Schemas.integer("position of the last acknowledged event"))
                .req("timestamp", Schemas.string("server time, ISO-8601"))
                .req(
                    "projections",
                    Schemas.array(
                        "one row per projection",
                        Schemas.object()
                            .req("name", Schemas.string(""))
                            .req("state", Schemas.string(""))
                            .req("applied", Schemas.integer(""))
                            .req("lag", Schemas.integer(""))
                            .prop("error", Schemas.string(""))
                            .build()))
                .build(),
            ToolAnnotations.forReads());
    // Reads two positions and builds a small object: safe to run on the event loop.
    return new ToolBinding(def, ToolHandler.neverBlocking(call -> check(kit, call)));
  }

  private static CompletionStage<ToolResult> check(ToolKit kit, ToolCall call) {
    long position = kit.reads().lastPosition();
    ObjectNode out = McpJson.object();
    ArrayNode rows = McpJson.mapper().createArrayNode();
    boolean healthy = true;
    for (ProjectionStatus s : kit.projections().status()) {
      ObjectNode row = rows.addObject();
      row.put("name", s.name());
      row.put("state", s.state().name());
      row.put("applied", s.lastApplied());
      row.put("lag", Math.max(0, position - s.lastApplied()));
      s.failureIfAny().ifPresent(f -> row.put("error", f.stage() + " at " + f.position() + ": " + f.error()));
      healthy &= s.failureIfAny().isEmpty();
    }
    out.put("ok", healthy);
    out.put("status", healthy ? "healthy" : "degraded");
    out.put("log_position", position);
    out.put("timestamp", kit.clock().instant().toString());
    out.set("projections", rows);
    String text =
        (healthy ? "Scribe is healthy" : "Scribe is degraded: a projection failed")
            + "; log at position " + position + ", " + rows.size() + " projection(s).";
    return CompletableFuture.completedFuture(ToolResult.success(out, text));
  }
}
