package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bug or security case was opened in sentinel mode. Stream: {@code cases-<repo id>-<kind>-<day>};
 * its version gives the case number, so two concurrent opens never share an id.
 *
 * @param caseId {@code BUG-yyyy-MM-dd-NNNN} or {@code SEC-yyyy-MM-dd-NNNN}
 * @param kind {@code bug} or {@code security}
 */
public record CaseOpened(
    String caseId,
    String kind,
    String repoRoot,
    String repoId,
    String day,
    String title,
    String symptoms,
    List<String> affectedPaths,
    @Nullable String severity)
    implements ScribeEvent {
  public CaseOpened {
    requireNonNull(caseId, "caseId");
    requireNonNull(kind, "kind");
    requireNonNull(repoRoot, "repoRoot");
    requireNonNull(repoId, "repoId");
    requireNonNull(day, "day");
    requireNonNull(title, "title");
    requireNonNull(symptoms, "symptoms");
    affectedPaths = List.copyOf(requireNonNull(affectedPaths, "affectedPaths"));
    String prefix =
        switch (kind) {
          case "bug" -> "BUG-";
          case "security" -> "SEC-";
          default -> throw new IllegalArgumentException("kind must be bug or security: " + kind);
        };
    if (!caseId.startsWith(prefix)) {
      throw new IllegalArgumentException("a " + kind + " case id starts with " + prefix + ": " + caseId);
    }
  }
}
