package dev.scribe.projections.sentinel;

import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.domain.sentinel.CaseStreams;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which case a {@code case-…} stream belongs to. Fix links and closures carry only the case id;
 * their stream (named by repository and case) leads back to the opening, which knows the
 * repository and the kind. Not thread-safe: one per projection.
 */
public final class CaseRefs {
  /** What the lines of a case's later events need from its opening. */
  public record Ref(String caseId, CaseKind kind, String repoRoot, String repoId) {}

  private final Map<String, Ref> byStream = new HashMap<>();

  public void opened(CaseOpened c) {
    CaseKind kind = CaseKind.fromWire(c.kind()).orElseThrow();
    byStream.put(CaseStreams.of(c.repoId(), c.caseId()), new Ref(c.caseId(), kind, c.repoRoot(), c.repoId()));
  }

  public Optional<Ref> ofStream(String stream) {
    return Optional.ofNullable(byStream.get(stream));
  }

  public Map<String, Ref> all() {
    return Map.copyOf(byStream);
  }

  public void putAll(Map<String, Ref> refs) {
    byStream.putAll(refs);
  }

  public void clear() {
    byStream.clear();
  }
}
