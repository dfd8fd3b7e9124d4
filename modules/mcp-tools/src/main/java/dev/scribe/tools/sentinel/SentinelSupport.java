package dev.scribe.tools.sentinel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.sentinel.CasesView;
import dev.scribe.projections.views.SessionState;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.InvalidValues;
import dev.scribe.tools.ToolArguments;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.Views;
import dev.scribe.tools.ports.RepositoryFiles;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the sentinel tools (and read_file) share: the kit, the views and ports, reading a session's
 * mode fresh, and argument access that reports bad values as {@code invalid_argument}.
 */
public final class SentinelSupport {
  /** Attempts of a decision that lost an expected-version race (then a {@code conflict} error). */
  static final int ATTEMPTS = 8;

  final ToolKit kit;
  final SessionsView sessions;
  final CasesView cases;
  final RepositoryFiles files;

  public SentinelSupport(ToolKit kit, SessionsView sessions, CasesView cases, RepositoryFiles files) {
    this.kit = requireNonNull(kit, "kit");
    this.sessions = requireNonNull(sessions, "sessions");
    this.cases = requireNonNull(cases, "cases");
    this.files = requireNonNull(files, "files");
  }

  public ToolKit kit() {
    return kit;
  }

  public SessionsView sessions() {
    return sessions;
  }

  public RepositoryFiles files() {
    return files;
  }

  /** Waits until view {@code name} has applied every event acknowledged before now (read-your-writes). */
  public void await(String name) {
    Views.awaitLatest(kit, name);
  }

  /**
   * The session's state, fresh; empty for a session the log does not know as open. Only the
   * session's own lifecycle and mode events change it, so the view is current for this session
   * when it reflects the log's version of {@code session-<id>}; it is waited for only otherwise
   * (right after initialize or set_mode), never for other sessions' traffic.
   */
  public Optional<SessionState> session(String sessionId) {
    Optional<Optional<SessionState>> current = sessionIfCurrent(sessionId);
    if (current.isPresent()) return current.get();
    await(SessionsView.NAME);
    return sessions.find(sessionId);
  }

  /**
   * As {@link #session}, without waiting: the session's state (empty for an unknown session) when
   * the view is current for it, or empty when it is not and {@link #session} would wait.
   */
  Optional<Optional<SessionState>> sessionIfCurrent(String sessionId) {
    long version = kit.streams().streamVersion(Streams.session(sessionId));
    Optional<SessionState> s = sessions.find(sessionId);
    boolean current = s.isPresent() ? s.get().sessionVersion() == version : version == 0;
    return current ? Optional.of(s) : Optional.empty();
  }

  /** The session's mode, fresh ({@code project} when the session is unknown). */
  public String mode(String sessionId) {
    return session(sessionId).map(SessionState::mode).orElse(Modes.PROJECT);
  }

  /** A sentinel session's repository and today's sentinel day. */
  public record Sentinel(String repoRoot, String repoId, String day, Instant now) {}

  /** The caller's repository, or the project-mode refusal for {@code tool}. */
  public Sentinel requireSentinel(ToolCall call) {
    Optional<SessionState> s = session(call.sessionId());
    if (s.isEmpty() || !s.get().isSentinel() || s.get().repoRoot() == null) {
      throw new ToolException("tool_not_allowed", Modes.refusal(Modes.PROJECT, call.toolName()));
    }
    return sentinel(s.get().repoRoot());
  }

  Sentinel sentinel(String repoRoot) {
    Instant now = kit.clock().instant();
    return new Sentinel(repoRoot, RepoIds.of(repoRoot), RepoIds.day(now), now);
  }

  /** Runs a handler body, turning a thrown {@link ToolException} into its error result. */
  static CompletionStage<ToolResult> run(Supplier<ToolResult> body) {
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (ToolException e) {
      return CompletableFuture.completedFuture(ToolResult.error(e.code(), e.getMessage(), e.details()));
    }
  }

  // ---- arguments ---------------------------------------------------------------------------

  /** Typed access to a call's arguments (the schema checked the JSON types already). */
  public static final class Args extends ToolArguments {
    public Args(ObjectNode node) {
      super(node);
    }

    @Override
    protected RuntimeException invalid(String name, JsonNode value, String what) {
      return invalidValue(name, value, what);
    }

    public String required(String name) {
      String s = string(name);
      if (s == null || s.isBlank()) {
        throw new ToolException("invalid_argument", "Missing required parameter '" + name + "'.");
      }
      return s;
    }

    /** Also a numeric string ({@code "25"}), as the Python server accepted. */
    @Override
    public @Nullable Long integer(String name) {
      JsonNode v = raw(name);
      if (v == null) return null;
      if (v.isTextual()) {
        try {
          return Long.parseLong(v.textValue().trim());
        } catch (NumberFormatException e) {
          throw invalidValue(name, v, "an integer is expected");
        }
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) throw invalidValue(name, v, "an integer is expected");
      return v.longValue();
    }

    public long integer(String name, long fallback, long min, long max) {
      Long v = integer(name);
      if (v == null) return fallback;
      if (v < min || v > max) {
        throw new ToolException(
            "invalid_argument",
            "Invalid " + name + " '" + v + "': must be between " + min + " and " + max + ".");
      }
      return v;
    }

    public @Nullable Double number(String name) {
      JsonNode v = raw(name);
      if (v == null) return null;
      if (v.isNumber()) return v.doubleValue();
      throw invalidValue(name, v, "a number is expected");
    }

    public static ToolException invalidValue(String name, JsonNode value, String what) {
      return new ToolException("invalid_argument", InvalidValues.message(name, value, what));
    }
  }

  static ObjectNode object() {
    return McpJson.object();
  }
}
