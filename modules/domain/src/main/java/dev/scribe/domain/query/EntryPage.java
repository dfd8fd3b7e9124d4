package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of a query's answer.
 *
 * @param entries the page, in the query's order
 * @param total how many entries match all filters (exact, across all pages)
 */
public record EntryPage(List<EntryHit> entries, int page, int pageSize, long total) {
  public EntryPage {
    entries = List.copyOf(requireNonNull(entries, "entries"));
    if (page < 1 || pageSize < 1 || total < 0) {
      throw new IllegalArgumentException("page " + page + ", pageSize " + pageSize + ", total " + total);
    }
    if (entries.size() > pageSize) {
      throw new IllegalArgumentException(entries.size() + " entries on a page of " + pageSize);
    }
  }

  /** Entries skipped before this page. */
  public long offset() {
    return (long) (page - 1) * pageSize;
  }

  /** More matching entries come after this page. */
  public boolean hasNext() {
    return offset() + entries.size() < total;
  }

  /** This is not the first page. */
  public boolean hasPrev() {
    return page > 1;
  }

  /** An empty answer for {@code query}. */
  public static EntryPage empty(EntryQuery query) {
    return new EntryPage(List.of(), query.page(), query.pageSize(), 0);
  }
}
