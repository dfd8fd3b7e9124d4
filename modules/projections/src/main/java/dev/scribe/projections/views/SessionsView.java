package dev.scribe.projections.views;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.ModeSet;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.projections.Fold;
import dev.scribe.projections.FoldProjection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open sessions: the isolation core. A project-mode tool finds its project only through its
 * own session's entry here; sentinel sessions carry their repository. Closed sessions are dropped
 * (their ids answer 404), so the view stays as small as the set of live sessions, and it is what
 * the server restores into the MCP session registry after a restart.
 *
 * <p>State is an immutable map replaced on each session event (copy on write): session events
 * are rare next to entries, the map holds only open sessions (bounded by the session cap), and
 * readers get a consistent snapshot without locks.
 *
 * <p>A binding records the position of its {@code ProjectBound}; whether the bound project was
 * deleted since is answered by the project registry (the project's registration is later than the
 * binding, or the project is gone), not folded here, so this view never has to visit every session
 * on a deletion and a name registered again never revives an old binding.
 */
public final class SessionsView {
  public static final String NAME = "sessions";

  /** The immutable state: open sessions by id. */
  public record Sessions(Map<String, SessionState> open) {
    public static final Sessions EMPTY = new Sessions(Map.of());

    public Sessions {
      open = Map.copyOf(open);
    }

    public Optional<SessionState> find(String sessionId) {
      return Optional.ofNullable(open.get(sessionId));
    }

    Sessions with(SessionState s) {
      Map<String, SessionState> m = new HashMap<>(open);
      m.put(s.sessionId(), s);
      return new Sessions(m);
    }

    Sessions without(String sessionId) {
      if (!open.containsKey(sessionId)) return this;
      Map<String, SessionState> m = new HashMap<>(open);
      m.remove(sessionId);
      return new Sessions(m);
    }
  }

  private final FoldProjection<Sessions> projection;

  public SessionsView() {
    this.projection = FoldProjection.inMemory(NAME, fold());
  }

  /** The projection to register with the runner. */
  public FoldProjection<Sessions> projection() {
    return projection;
  }

  /** The session's state, if it is open. */
  public Optional<SessionState> find(String sessionId) {
    return projection.state().find(sessionId);
  }

  /** Every open session. */
  public Collection<SessionState> open() {
    return projection.state().open().values();
  }

  static Fold<Sessions> fold() {
    return Fold.startingWith(Sessions.EMPTY)
        .onRecorded(
            SessionOpened.class,
            (s, e, r) ->
                s.with(
                    new SessionState(
                        e.sessionId(), e.transport(), e.clientName(), e.clientVersion(),
                        e.protocolVersion(), r.recordedAt(), SessionState.PROJECT_MODE, null,
                        null, 0, 0, r.streamVersion())))
        .on(SessionClosed.class, (s, e) -> s.without(e.sessionId()))
        .onRecorded(
            ModeSet.class,
            (s, e, r) ->
                s.find(e.sessionId())
                    .map(st -> s.with(st.withMode(e.mode(), e.repoRoot(), r.streamVersion())))
                    .orElse(s))
        .onRecorded(
            ProjectBound.class,
            (s, e, r) ->
                s.find(e.sessionId())
                    .map(st -> s.with(st.withBinding(e.project(), r.streamVersion(), r.position())))
                    .orElse(s))
        .build();
  }

  /** For tests: the state after {@code events}. */
  static Sessions replay(Iterable<RecordedEvent> events) {
    Fold<Sessions> f = fold();
    Sessions s = f.initial();
    for (RecordedEvent e : events) s = f.apply(s, e);
    return s;
  }
}
