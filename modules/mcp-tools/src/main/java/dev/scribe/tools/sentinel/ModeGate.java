package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.domain.Streams;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.SessionState;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.ToolBinding;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Mode exclusivity, around every tool handler (docs/tools-design.md §4). It reads the session's
 * mode fresh (the sessions view has applied every event acknowledged before the call) and:
 *
 * <ul>
 *   <li>in sentinel mode allows exactly {@link Modes#SENTINEL_ALLOWED}; any other tool fails with
 *       {@code Tool 'X' is not allowed in sentinel mode} and a {@code ScopeViolation} ({@code
 *       tool_not_allowed_in_sentinel_mode}) is appended to the repository's sentinel day stream;
 *   <li>in project mode refuses the sentinel-only tools ({@code Tool 'X' is not allowed in project
 *       mode}); nothing is logged (there is no sentinel log to log to);
 *   <li>in sentinel mode, {@code query_entries} searches the sentinel scope: the gate adds {@code
 *       search_scope: "sentinel"} when absent and refuses any other scope as a violation.
 * </ul>
 *
 * <p>{@code health_check} is not in the sentinel list and stays refused there: the list in issue 5
 * is exhaustive, and operators have the HTTP {@code /health} endpoint, which no mode gates.
 */
public final class ModeGate {
  public static final String SCOPE_ARG = "search_scope";
  public static final String SENTINEL_SCOPE = "sentinel";
  static final String HEALTH_CHECK = "health_check";

  private final SentinelSupport s;

  public ModeGate(SentinelSupport support) {
    this.s = support;
  }

  /** {@code binding} behind the gate. */
  public ToolBinding wrap(ToolBinding binding) {
    String tool = binding.name();
    return new ToolBinding(
        binding.definition(),
        original -> {
          ToolCall call = original;
          Optional<SessionState> st;
          try {
            st = s.session(call.sessionId());
          } catch (ToolException e) {
            // The mode cannot be read (the sessions view failed or lags): refuse, except the one
            // tool whose job is to report such failures and which touches nothing.
            if (HEALTH_CHECK.equals(tool)) return binding.handler().call(original);
            return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage(), e.details()));
          }
          String mode = st.map(SessionState::mode).orElse(Modes.PROJECT);
          switch (Modes.decide(mode, tool)) {
            case REFUSED_IN_PROJECT:
              return refused(Modes.PROJECT, tool);
            case REFUSED_IN_SENTINEL:
              return SentinelSupport.run(() -> violation(original, st.get(), Modes.NOT_ALLOWED_IN_SENTINEL,
                  Modes.refusal(Modes.SENTINEL, tool)));
            default:
              break;
          }
          if (Modes.SENTINEL.equals(mode) && "query_entries".equals(tool)) {
            String scope = call.arguments().path(SCOPE_ARG).asText("");
            if (scope.isEmpty()) {
              ObjectNode args = call.arguments().deepCopy();
              args.put(SCOPE_ARG, SENTINEL_SCOPE);
              call = new ToolCall(call.sessionId(), call.executionId(), call.toolName(), args, call.context());
            } else if (!SENTINEL_SCOPE.equals(scope)) {
              return SentinelSupport.run(() -> violation(original, st.get(), "search_scope_not_allowed_in_sentinel_mode",
                  "Tool 'query_entries' with search_scope '" + scope + "' is not allowed in sentinel mode"
                      + " (a sentinel session searches its repository's sentinel log: search_scope \"sentinel\")"));
            }
          }
          return binding.handler().call(call);
        });
  }

  private static java.util.concurrent.CompletionStage<ToolResult> refused(String mode, String tool) {
    ObjectNode details = McpJson.object();
    details.put("mode", mode);
    details.put("tool", tool);
    return CompletableFuture.completedFuture(ToolResult.error("tool_not_allowed", Modes.refusal(mode, tool), details));
  }

  private ToolResult violation(ToolCall call, SessionState st, String reason, String message) {
    String root = st.repoRoot() == null ? "" : st.repoRoot();
    String day = RepoIds.day(s.kit.clock().instant());
    s.kit.writer().append(call, EventWriter.batch().add(
        Streams.sentinelDay(RepoIds.of(root), day),
        new ScopeViolation(call.toolName(), reason, Modes.SENTINEL, null, root)));
    ObjectNode details = McpJson.object();
    details.put("mode", Modes.SENTINEL);
    details.put("tool", call.toolName());
    details.put("reason", reason);
    return ToolResult.error("tool_not_allowed", message, details);
  }
}
