package dev.scribe.projections.sentinel;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.domain.sentinel.LandingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One case as the log knows it.
 *
 * @param stream the case's own stream ({@code case-<repo id>-<case id>})
 * @param version that stream's version: fix links and closure so far (the expected version of
 *     the next {@code link_fix} / {@code close_case})
 */
public record CaseState(
    String stream,
    String caseId,
    CaseKind kind,
    String repoRoot,
    String repoId,
    String day,
    String title,
    String symptoms,
    List<String> affectedPaths,
    @Nullable String severity,
    Instant openedAt,
    String openedBySession,
    List<Fix> fixes,
    @Nullable String rootCause,
    @Nullable Instant closedAt,
    long version) {

  /** A linked fix. */
  public record Fix(String executionId, String artifactRef, LandingStatus landingStatus, Instant linkedAt) {}

  /** {@code open}, {@code fixed} (a fix landed or verified) or {@code closed}. */
  public enum Status {
    OPEN,
    FIXED,
    CLOSED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CaseState {
    requireNonNull(stream, "stream");
    requireNonNull(caseId, "caseId");
    affectedPaths = List.copyOf(affectedPaths);
    fixes = List.copyOf(fixes);
  }

  public Status status() {
    if (closedAt != null) return Status.CLOSED;
    return fixes.stream().anyMatch(f -> f.landingStatus().atLeast(LandingStatus.LANDED))
        ? Status.FIXED
        : Status.OPEN;
  }

  /** The landing statuses of the fixes, in link order. */
  public List<LandingStatus> landingStatuses() {
    return fixes.stream().map(Fix::landingStatus).toList();
  }

  CaseState withFix(Fix f, long newVersion) {
    List<Fix> fs = new ArrayList<>(fixes);
    fs.add(f);
    return new CaseState(stream, caseId, kind, repoRoot, repoId, day, title, symptoms,
        affectedPaths, severity, openedAt, openedBySession, fs, rootCause, closedAt, newVersion);
  }

  CaseState closed(String cause, Instant at, long newVersion) {
    return new CaseState(stream, caseId, kind, repoRoot, repoId, day, title, symptoms,
        affectedPaths, severity, openedAt, openedBySession, fixes, cause, at, newVersion);
  }
}
