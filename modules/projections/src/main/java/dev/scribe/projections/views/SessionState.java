package dev.scribe.projections.views;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One open MCP session as the log knows it: how it connected, its mode and its project binding.
 *
 * @param mode {@code project} (the default) or {@code sentinel}
 * @param repoRoot the repository a sentinel session audits; null in project mode
 * @param project the project this session is bound to; null before {@code set_project}
 * @param bindingVersion the number of bindings this session made (its {@code binding-} stream
 *     version), which {@code set_project}'s {@code expected_version} refers to
 * @param bindingPosition the log position of the session's last {@code ProjectBound} (0 before
 *     any): a binding older than its project's registration refers to a deleted incarnation
 * @param sessionVersion the version of the session's {@code session-<id>} stream this state
 *     reflects (lifecycle and mode events only): equal to the log's, the state is current
 */
public record SessionState(
    String sessionId,
    String transport,
    String clientName,
    String clientVersion,
    String protocolVersion,
    Instant openedAt,
    String mode,
    @Nullable String repoRoot,
    @Nullable String project,
    long bindingVersion,
    long bindingPosition,
    long sessionVersion) {

  public static final String PROJECT_MODE = "project";
  public static final String SENTINEL_MODE = "sentinel";

  public SessionState {
    // Interned: the view holds one state per session (thousands, mostly idle), and these strings
    // repeat across sessions; the id is the same instance the MCP layer minted.
    sessionId = requireNonNull(sessionId, "sessionId").intern();
    transport = requireNonNull(transport, "transport").intern();
    clientName = requireNonNull(clientName, "clientName").intern();
    clientVersion = requireNonNull(clientVersion, "clientVersion").intern();
    protocolVersion = requireNonNull(protocolVersion, "protocolVersion").intern();
    requireNonNull(openedAt, "openedAt");
    mode = requireNonNull(mode, "mode").intern();
  }

  public Optional<String> boundProject() {
    return Optional.ofNullable(project);
  }

  public boolean isSentinel() {
    return SENTINEL_MODE.equals(mode);
  }

  SessionState withMode(String newMode, @Nullable String newRepoRoot, long version) {
    return new SessionState(
        sessionId, transport, clientName, clientVersion, protocolVersion, openedAt, newMode,
        newRepoRoot, project, bindingVersion, bindingPosition, version);
  }

  SessionState withBinding(String newProject, long version, long position) {
    return new SessionState(
        sessionId, transport, clientName, clientVersion, protocolVersion, openedAt, mode,
        repoRoot, newProject, version, position, sessionVersion);
  }
}
