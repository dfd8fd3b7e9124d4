package dev.scribe.domain.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The pagination rule, in memory: filters first, then the order ({@code asc} = log order, {@code
 * desc} = that sequence reversed; with {@code prioritySort} grouped by priority first), then the
 * page. A page is never short because of hidden rows;
 * the total counts every match.
 */
public final class EntryQueries {
  private EntryQueries() {}

  /**
   * Answers {@code query} over {@code logOrdered}, which must be in ascending log position.
   *
   * @throws IllegalArgumentException if positions are not strictly ascending
   */
  public static EntryPage page(Iterable<EntryHit> logOrdered, EntryQuery query) {
    List<EntryHit> matches = new ArrayList<>();
    long last = 0;
    for (EntryHit h : logOrdered) {
      if (h.position() <= last) {
        throw new IllegalArgumentException(
            "entries must be in ascending log order: " + h.position() + " after " + last);
      }
      last = h.position();
      if (query.matches(h.entry())) matches.add(h);
    }
    if (query.order() == SortOrder.DESC) Collections.reverse(matches);
    if (query.prioritySort()) {
      // Stable: within a priority the log order chosen above stays.
      matches.sort(Comparator.comparingInt(h -> EntryQuery.priorityRank(h.entry().priority())));
    }
    return slice(matches, query);
  }

  /** The page of {@code ordered} (already filtered and in the query's order) that {@code query} asks for. */
  public static EntryPage slice(List<EntryHit> ordered, EntryQuery query) {
    long from = Math.min(query.offset(), ordered.size());
    long to = Math.min(from + query.pageSize(), ordered.size());
    return new EntryPage(
        ordered.subList((int) from, (int) to), query.page(), query.pageSize(), ordered.size());
  }
}
