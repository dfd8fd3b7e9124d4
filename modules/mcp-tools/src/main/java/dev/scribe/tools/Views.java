package dev.scribe.tools;

import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.project.Binding;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.mcp.ToolException;
import dev.scribe.projections.ProjectionFailedException;
import dev.scribe.projections.views.SessionState;
import dev.scribe.projections.views.SessionsView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How tools read projections fresh enough for the caller: wait until a view has applied a
 * position (read-your-writes), and find a session's binding exactly. Shared by every tool family
 * so that they all wait, fail and resolve the same way.
 */
public final class Views {
  /** How long a tool waits for a view before answering {@code unavailable}. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Views() {}

  /** Waits until {@code view} has applied every event acknowledged before now. */
  public static void awaitLatest(ToolKit kit, String view) {
    await(kit, view, kit.reads().lastPosition());
  }

  /**
   * Waits until {@code view} has applied {@code position}.
   *
   * @throws ToolException {@code unavailable} when the view failed, did not catch up within
   *     {@link #TIMEOUT}, or the wait was interrupted
   */
  public static void await(ToolKit kit, String view, long position) {
    boolean done;
    try {
      done = kit.projections().awaitApplied(view, position, TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("unavailable", "Interrupted while waiting for the " + view + " view.");
    } catch (ProjectionFailedException e) {
      throw new ToolException(
          "unavailable",
          "The " + view + " view is not available (" + e.getMessage() + "). Nothing was written;"
              + " an operator can rebuild it (tools/scribe rebuild).");
    }
    if (!done) {
      throw new ToolException(
          "unavailable",
          "The " + view + " view did not catch up with the log within " + TIMEOUT.toSeconds()
              + " s. Nothing was written; retry.");
    }
  }

  /**
   * The session's current binding, exact: from the sessions view when it has applied the
   * session's last {@code ProjectBound}, otherwise read from the session's binding stream (one
   * indexed read), so a binding is never missed, not even for a session the view does not know.
   */
  public static Optional<Binding> binding(ToolKit kit, SessionsView sessions, String sessionId) {
    String stream = Streams.binding(sessionId);
    long v = kit.streams().streamVersion(stream);
    if (v == 0) return Optional.empty();
    Optional<SessionState> st = sessions.find(sessionId);
    if (st.isPresent() && st.get().bindingVersion() == v && st.get().project() != null) {
      return Optional.of(new Binding(st.get().project(), v, st.get().bindingPosition()));
    }
    List<StoredEvent> last = kit.streams().readStream(stream, v, 1);
    if (last.isEmpty()) return Optional.empty();
    ScribeEvent e = kit.codec().decode(last.get(0));
    if (!(e instanceof ProjectBound b)) {
      throw new IllegalStateException("binding stream " + stream + " holds " + e.typeName());
    }
    return Optional.of(new Binding(b.project(), v, last.get(0).position()));
  }
}
