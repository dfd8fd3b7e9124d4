package dev.scribe.projections.sentinel;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.domain.sentinel.CaseStreams;
import dev.scribe.domain.sentinel.LandingStatus;
import dev.scribe.projections.Fold;
import dev.scribe.projections.FoldProjection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every bug and security case, by its own stream: open, fixed or closed, with its fixes. Serves
 * {@code list_cases} and the existence and closure checks of {@code link_fix} and {@code
 * close_case}. In memory, rebuilt on start (cases are few); copy on write, so readers get a
 * consistent snapshot without locks.
 */
public final class CasesView {
  public static final String NAME = "cases";

  /** The immutable state: cases by stream. */
  public record Cases(Map<String, CaseState> byStream) {
    public static final Cases EMPTY = new Cases(Map.of());

    public Cases {
      byStream = Map.copyOf(byStream);
    }

    Cases with(CaseState c) {
      Map<String, CaseState> m = new HashMap<>(byStream);
      m.put(c.stream(), c);
      return new Cases(m);
    }
  }

  private final FoldProjection<Cases> projection = FoldProjection.inMemory(NAME, fold());

  public FoldProjection<Cases> projection() {
    return projection;
  }

  /** The case {@code caseId} of repository {@code repoId}. */
  public Optional<CaseState> find(String repoId, String caseId) {
    return Optional.ofNullable(projection.state().byStream().get(CaseStreams.of(repoId, caseId)));
  }

  /** The cases of repository {@code repoId}, oldest first (by day, then number). */
  public List<CaseState> ofRepository(String repoId) {
    return projection.state().byStream().values().stream()
        .filter(c -> c.repoId().equals(repoId))
        .sorted(Comparator.comparing(CaseState::openedAt).thenComparing(CaseState::caseId))
        .toList();
  }

  static Fold<Cases> fold() {
    return Fold.startingWith(Cases.EMPTY)
        .onRecorded(
            CaseOpened.class,
            (s, e, r) ->
                s.with(
                    new CaseState(
                        CaseStreams.of(e.repoId(), e.caseId()), e.caseId(),
                        CaseKind.fromWire(e.kind()).orElseThrow(), e.repoRoot(), e.repoId(),
                        e.day(), e.title(), e.symptoms(), e.affectedPaths(), e.severity(),
                        r.recordedAt(), r.sessionId(), List.of(), null, null, 0)))
        .onRecorded(
            FixLinked.class,
            (s, e, r) -> {
              CaseState c = s.byStream().get(r.stream());
              if (c == null) return s;
              LandingStatus l = LandingStatus.fromWire(e.landingStatus()).orElse(LandingStatus.PROPOSED);
              return s.with(c.withFix(
                  new CaseState.Fix(e.fixExecutionId(), e.artifactRef(), l, r.recordedAt()),
                  r.streamVersion()));
            })
        .onRecorded(
            CaseClosed.class,
            (s, e, r) -> {
              CaseState c = s.byStream().get(r.stream());
              if (c == null) return s;
              return s.with(c.closed(e.rootCause(), r.recordedAt(), r.streamVersion()));
            })
        .build();
  }
}
