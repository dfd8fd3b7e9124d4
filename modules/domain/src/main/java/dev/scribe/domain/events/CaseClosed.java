package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/**
 * A case was closed with its root cause, after a fix verified as landed. Stream: {@code
 * case-<case id>}.
 */
public record CaseClosed(String caseId, String rootCause) implements ScribeEvent {
  public CaseClosed {
    requireNonNull(caseId, "caseId");
    requireNonNull(rootCause, "rootCause");
  }
}
