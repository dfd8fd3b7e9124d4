package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A repository-wide sentinel event of one UTC day. Stream: {@code sentinel-<repo id>-<day>}.
 *
 * @param repoId SHA-256 hex of the repository root path
 * @param day {@code yyyy-MM-dd} (UTC)
 * @param eventType {@code info}, {@code warn}, …, or a legacy dotted type such as {@code
 *     verification.note}
 * @param intent {@code tool:<name>}
 * @param dataJson the event's data: one compact JSON object text
 * @param caseId the case the event belongs to, or null
 */
public record SentinelEventAppended(
    String repoRoot,
    String repoId,
    String day,
    String eventType,
    String intent,
    String agent,
    List<String> affectedProjects,
    String dataJson,
    @Nullable String caseId)
    implements ScribeEvent {
  public SentinelEventAppended {
    requireNonNull(repoRoot, "repoRoot");
    requireNonNull(repoId, "repoId");
    requireNonNull(day, "day");
    requireNonNull(eventType, "eventType");
    requireNonNull(intent, "intent");
    requireNonNull(agent, "agent");
    affectedProjects = List.copyOf(requireNonNull(affectedProjects, "affectedProjects"));
    requireNonNull(dataJson, "dataJson");
  }
}
