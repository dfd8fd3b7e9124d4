package dev.scribe.projections.sentinel;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Searching one repository's sentinel events ({@code query_entries} with {@code search_scope:
 * "sentinel"}): every filter applies before pagination; order is log order ({@code asc}, the
 * default, as project scope) or its reverse.
 */
public interface SentinelSearch {

  /**
   * The page of {@code query}, covering the log at least up to {@code minPosition} (the caller's
   * read-your-writes bound; the caller has waited for the projection to apply it).
   */
  Page search(Query query, long minPosition);

  /**
   * The filters; a null or empty filter matches everything.
   *
   * @param repoRoot the repository (the sentinel session's)
   * @param dayFrom inclusive {@code yyyy-MM-dd}
   * @param dayTo inclusive {@code yyyy-MM-dd}
   * @param from inclusive lower bound on the event time
   * @param to inclusive upper bound on the event time
   * @param agents agent instance ids (sessions) or display names
   * @param paths exact paths (absolute or repository-relative), or prefixes when they end with {@code /}
   * @param descending newest first
   */
  record Query(
      String repoRoot,
      @Nullable String dayFrom,
      @Nullable String dayTo,
      @Nullable Instant from,
      @Nullable Instant to,
      List<String> executionIds,
      List<String> agents,
      List<String> intents,
      List<String> caseIds,
      List<String> projects,
      List<String> paths,
      List<String> eventTypes,
      boolean descending,
      int page,
      int pageSize) {
    public Query {
      requireNonNull(repoRoot, "repoRoot");
      executionIds = List.copyOf(executionIds);
      agents = List.copyOf(agents);
      intents = List.copyOf(intents);
      caseIds = List.copyOf(caseIds);
      projects = List.copyOf(projects);
      paths = List.copyOf(paths);
      eventTypes = List.copyOf(eventTypes);
      if (page < 1 || pageSize < 1) throw new IllegalArgumentException("page and pageSize start at 1");
    }
  }

  /** One event found: its log position and its sentinel JSON line. */
  record Hit(long position, String json) {}

  /** A page and the number of all matches. */
  record Page(List<Hit> hits, long total) {
    public Page {
      hits = List.copyOf(hits);
    }
  }
}
