package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.domain.Streams;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolGate;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.SessionState;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.ToolBinding;
import java.util.Optional;

/**
 * Mode exclusivity for every tool (docs/tools-design.md §4), checked by the MCP engine before a
 * call's arguments are validated. It reads the session's
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

  ModeGate(SentinelSupport support) {
    this.s = support;
  }

  /**
   * The gate the MCP engine runs before validating arguments ({@link ToolGate}): a refused call
   * is refused, and a sentinel violation logged, whatever its arguments. It answers at once when
   * the sessions view is current for the session and the call is no violation (logging one is a
   * write).
   */
  public ToolGate toolGate() {
    return new ToolGate() {
      @Override
      public Optional<ToolResult> refusal(ToolCall call) {
        return ModeGate.this.refusal(call);
      }

      @Override
      public AtOnce refusalAtOnce(ToolCall call) {
        return ModeGate.this.refusalAtOnce(call);
      }
    };
  }

  /** What the gate decides for a call, before anything is written. */
  private sealed interface Verdict {
    record Pass() implements Verdict {}

    record Refuse(ToolResult result) implements Verdict {}

    /** A sentinel-mode violation: refused, and logged to the repository's sentinel log. */
    record Violation(SessionState session, String reason, String message) implements Verdict {}
  }

  private static final Verdict PASS = new Verdict.Pass();

  private Optional<ToolResult> refusal(ToolCall call) {
    Optional<SessionState> st;
    try {
      st = s.session(call.sessionId());
    } catch (ToolException e) {
      // The mode cannot be read (the sessions view failed or lags): refuse, except the one tool
      // whose job is to report such failures and which touches nothing.
      if (HEALTH_CHECK.equals(call.toolName())) return Optional.empty();
      return Optional.of(ToolResult.error(e.code(), e.getMessage(), e.details()));
    }
    Verdict v = verdict(call, st);
    if (v instanceof Verdict.Refuse r) return Optional.of(r.result());
    if (v instanceof Verdict.Violation x) {
      return Optional.of(logged(() -> violation(call, x.session(), x.reason(), x.message())));
    }
    return Optional.empty();
  }

  private ToolGate.AtOnce refusalAtOnce(ToolCall call) {
    Optional<Optional<SessionState>> st;
    try {
      st = s.sessionIfCurrent(call.sessionId());
    } catch (RuntimeException e) {
      return ToolGate.AtOnce.NotAtOnce.INSTANCE; // the executor meets it again, and answers it
    }
    if (st.isEmpty()) return ToolGate.AtOnce.NotAtOnce.INSTANCE;
    Verdict v = verdict(call, st.get());
    if (v instanceof Verdict.Violation) return ToolGate.AtOnce.NotAtOnce.INSTANCE;
    return new ToolGate.AtOnce.Answer(
        v instanceof Verdict.Refuse r ? Optional.of(r.result()) : Optional.empty());
  }

  private Verdict verdict(ToolCall call, Optional<SessionState> st) {
    String tool = call.toolName();
    String mode = st.map(SessionState::mode).orElse(Modes.PROJECT);
    switch (Modes.decide(mode, tool)) {
      case REFUSED_IN_PROJECT:
        return new Verdict.Refuse(refused(Modes.PROJECT, tool));
      case REFUSED_IN_SENTINEL:
        return new Verdict.Violation(
            st.get(), Modes.NOT_ALLOWED_IN_SENTINEL, Modes.refusal(Modes.SENTINEL, tool));
      default:
        break;
    }
    if (Modes.SENTINEL.equals(mode) && "query_entries".equals(tool)) {
      String scope = call.arguments().path(SCOPE_ARG).asText("");
      if (!scope.isEmpty() && !SENTINEL_SCOPE.equals(scope)) {
        return new Verdict.Violation(
            st.get(),
            "search_scope_not_allowed_in_sentinel_mode",
            "Tool 'query_entries' with search_scope '" + scope + "' is not allowed in sentinel mode"
                + " (a sentinel session searches its repository's sentinel log: search_scope \"sentinel\")");
      }
    }
    return PASS;
  }

  /**
   * {@code query_entries} in sentinel mode searches the sentinel scope: the scope is filled in
   * when the call names none (the gate has already refused any other). Other tools pass as they
   * are.
   */
  public ToolBinding sentinelScopeByDefault(ToolBinding binding) {
    if (!"query_entries".equals(binding.name())) return binding;
    return new ToolBinding(
        binding.definition(),
        call -> {
          if (call.arguments().path(SCOPE_ARG).asText("").isEmpty()
              && s.session(call.sessionId()).map(SessionState::isSentinel).orElse(false)) {
            ObjectNode args = call.arguments().deepCopy();
            args.put(SCOPE_ARG, SENTINEL_SCOPE);
            call = new ToolCall(call.sessionId(), call.executionId(), call.toolName(), args, call.context());
          }
          return binding.handler().call(call);
        });
  }

  private static ToolResult refused(String mode, String tool) {
    ObjectNode details = McpJson.object();
    details.put("mode", mode);
    details.put("tool", tool);
    return ToolResult.error("tool_not_allowed", Modes.refusal(mode, tool), details);
  }

  private static ToolResult logged(java.util.function.Supplier<ToolResult> body) {
    try {
      return body.get();
    } catch (ToolException e) {
      return ToolResult.error(e.code(), e.getMessage(), e.details());
    }
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
