package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/**
 * A fix was linked to an existing case. Stream: {@code case-<case id>}.
 *
 * @param landingStatus {@code proposed}, {@code landed} or {@code verified}
 */
public record FixLinked(
    String caseId, String fixExecutionId, String artifactRef, String landingStatus)
    implements ScribeEvent {
  public FixLinked {
    requireNonNull(caseId, "caseId");
    requireNonNull(fixExecutionId, "fixExecutionId");
    requireNonNull(artifactRef, "artifactRef");
    requireNonNull(landingStatus, "landingStatus");
  }
}
