package dev.scribe.tools.project;

import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQueries;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.SortOrder;
import dev.scribe.projections.views.RecentEntriesView.ProjectEntries;
import dev.scribe.projections.views.RecentEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers an {@link EntryQuery} from the recent-entries window when the answer lies within it,
 * with the shared engine's semantics ({@link EntryQuery#matches} is the filter; filters first, then
 * the order, then the page; the total counts every match — {@code EntryQueries.page}) but without
 * materialising the window: one walk in the query's order, collecting the page as it passes.
 *
 * <p>Unfiltered, newest first (the common call) costs O(offset + page size); with filters or
 * oldest first the walk covers the window (bounded by its size, never by the log's).
 */
final class RecentReader {
  private RecentReader() {}

  /**
   * The page, or empty when the window cannot answer exactly: entries the answer needs were
   * evicted (the project has more entries than the window holds), or the writer overwrote a slot
   * during the walk.
   */
  static Optional<EntryPage> answer(ProjectEntries pe, int window, EntryQuery q) {
    long n = pe.total();
    boolean complete = n <= window;
    boolean desc = q.order() == SortOrder.DESC;
    if (q.prioritySort()) {
      // Grouped by priority: the shared engine over the (complete) window, in log order.
      if (!complete) return Optional.empty();
      List<EntryHit> all = new ArrayList<>((int) n);
      if (!pe.oldestFirst(n, e -> all.add(new EntryHit(e.position(), e.entry())))) {
        return Optional.empty();
      }
      return Optional.of(EntryQueries.page(all, q));
    }
    if (!q.hasFilters() && desc) {
      long need = q.offset() + q.pageSize();
      if (!complete && need > window) return Optional.empty();
      Collector c = new Collector(q, false);
      boolean reached = pe.newestFirst(n, c);
      if (!reached && !c.enough && c.matched < Math.min(n, need)) return Optional.empty();
      return Optional.of(new EntryPage(c.page, q.page(), q.pageSize(), n));
    }
    if (!complete) return Optional.empty();
    Collector c = new Collector(q, true);
    boolean reached = desc ? pe.newestFirst(n, c) : pe.oldestFirst(n, c);
    if (!reached) return Optional.empty();
    return Optional.of(new EntryPage(c.page, q.page(), q.pageSize(), c.matched));
  }

  /** Counts matches in walk order and keeps those of the page. */
  private static final class Collector implements Predicate<RecentEntry> {
    private final EntryQuery q;
    private final boolean countAll;
    private final long offset;
    final List<EntryHit> page = new ArrayList<>();
    long matched;
    boolean enough;

    Collector(EntryQuery q, boolean countAll) {
      this.q = q;
      this.countAll = countAll;
      this.offset = q.offset();
    }

    @Override
    public boolean test(RecentEntry e) {
      if (!q.matches(e.entry())) return true;
      long i = matched++;
      if (i >= offset && page.size() < q.pageSize()) page.add(new EntryHit(e.position(), e.entry()));
      if (!countAll && page.size() >= q.pageSize()) {
        enough = true;
        return false;
      }
      return true;
    }
  }
}
