package dev.scribe.domain.sentinel;

import dev.scribe.domain.Streams;

/**
 * Where the events of one case go. Case numbers are per repository (the case-number stream is
 * {@code cases-<repo id>-<kind>-<day>}), so two repositories both have a {@code BUG-<day>-0001};
 * the fix links and closure of a case therefore go to a stream named by repository <em>and</em>
 * case id: {@code case-<repo id>-<case id>}.
 */
public final class CaseStreams {
  private CaseStreams() {}

  /** The stream of the fix links and closure of {@code caseId} in repository {@code repoId}. */
  public static String of(String repoId, String caseId) {
    return Streams.caseStream(repoId + "-" + caseId);
  }

  /** The case-number stream a case of {@code kind} opened on {@code day} is numbered from. */
  public static String numbers(String repoId, CaseKind kind, String day) {
    return Streams.caseNumbers(repoId, kind.wire(), day);
  }
}
