package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One question about entries: which ones (every filter is a conjunct; an empty set or null means
 * "no constraint"), in which order, and which page. Both {@code query_entries} and {@code
 * read_recent} build one; {@link #matches} is the predicate, {@link EntryQueries#page} the
 * pagination, and the search index answers the same record identically.
 *
 * <p>Filter semantics:
 *
 * <ul>
 *   <li>{@code scope}: the entry's project is in scope.
 *   <li>{@code message}: {@link MessageMatch} over the whole message.
 *   <li>{@code start}/{@code end}: inclusive bounds on the claimed time ({@link
 *       EntryAppended#timestampMillis()}); a date-only end is the last instant of that day ({@link
 *       QueryArgs#bound}).
 *   <li>{@code emojis} and {@code statuses}: each status means its emoji (reference §2.2, as
 *       INTENDED); the entry's emoji must be one of the union of both lists.
 *   <li>{@code agents}: exact, case-sensitive.
 *   <li>{@code metaEquals}: for each key, some meta pair with that key has exactly that value.
 *   <li>{@code priorities}, {@code categories}: the entry's (recognised) priority / category is
 *       one of them; an entry without a category never matches a category filter.
 *   <li>{@code minConfidence}: the entry has a confidence and it is {@code >=} the bound.
 * </ul>
 *
 * <p>Order: {@code order} over log positions; with {@code prioritySort} entries are grouped by
 * priority first (critical, high, medium, low; an unrecognised priority counts as medium, as in
 * the reference), each group in {@code order}.
 *
 * @param page 1-based
 * @param pageSize at least 1
 */
public record EntryQuery(
    EntryScope scope,
    @Nullable MessageMatch message,
    @Nullable Instant start,
    @Nullable Instant end,
    Set<String> emojis,
    Set<Status> statuses,
    Set<String> agents,
    Map<String, String> metaEquals,
    Set<Priority> priorities,
    Set<Category> categories,
    @Nullable Double minConfidence,
    SortOrder order,
    boolean prioritySort,
    int page,
    int pageSize) {

  public EntryQuery {
    requireNonNull(scope, "scope");
    emojis = ordered(requireNonNull(emojis, "emojis"));
    statuses = ordered(requireNonNull(statuses, "statuses"));
    agents = ordered(requireNonNull(agents, "agents"));
    metaEquals = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metaEquals, "metaEquals")));
    priorities = ordered(requireNonNull(priorities, "priorities"));
    categories = ordered(requireNonNull(categories, "categories"));
    requireNonNull(order, "order");
    for (String key : metaEquals.keySet()) QueryArgs.metaKey(key);
    if (minConfidence != null) QueryArgs.minConfidence(minConfidence);
    if (start != null && end != null && start.isAfter(end)) {
      throw new InvalidQueryException(
          "start", start.toString(), "Start time must be before end time: start " + start
              + " is after end " + end + ".");
    }
    if (page < 1) throw new IllegalArgumentException("page must be >= 1: " + page);
    if (pageSize < 1) throw new IllegalArgumentException("pageSize must be >= 1: " + pageSize);
  }

  private static <T> Set<T> ordered(Collection<T> values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  /** A builder with the defaults of {@code query_entries}: log order, page 1 of 10. */
  public static Builder builder(EntryScope scope) {
    return new Builder(scope);
  }

  /** A builder starting from this query. */
  public Builder toBuilder() {
    Builder b = new Builder(scope);
    b.message = message;
    b.start = start;
    b.end = end;
    b.emojis.addAll(emojis);
    b.statuses.addAll(statuses);
    b.agents.addAll(agents);
    b.metaEquals.putAll(metaEquals);
    b.priorities.addAll(priorities);
    b.categories.addAll(categories);
    b.minConfidence = minConfidence;
    b.order = order;
    b.prioritySort = prioritySort;
    b.page = page;
    b.pageSize = pageSize;
    return b;
  }

  /** This query for another page. */
  public EntryQuery withPage(int newPage, int newPageSize) {
    return toBuilder().page(newPage).pageSize(newPageSize).build();
  }

  /** Entries skipped before this page: {@code (page - 1) * pageSize}. */
  public long offset() {
    return (long) (page - 1) * pageSize;
  }

  /** The emojis an entry may have (from {@code emojis} and {@code statuses}); empty = any. */
  public Set<String> acceptedEmojis() {
    if (statuses.isEmpty()) return emojis;
    Set<String> out = new LinkedHashSet<>(emojis);
    for (Status s : statuses) out.add(s.emoji());
    return Collections.unmodifiableSet(out);
  }

  /** The inclusive lower bound in epoch milliseconds ({@link Long#MIN_VALUE} when none). */
  public long startMillis() {
    if (start == null) return Long.MIN_VALUE;
    try {
      long floor = start.toEpochMilli();
      return start.getNano() % 1_000_000 == 0 ? floor : floor + 1;
    } catch (ArithmeticException e) {
      return start.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The inclusive upper bound in epoch milliseconds ({@link Long#MAX_VALUE} when none). */
  public long endMillis() {
    if (end == null) return Long.MAX_VALUE;
    try {
      return end.toEpochMilli();
    } catch (ArithmeticException e) {
      return end.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The rank {@code prioritySort} groups by: 0 critical … 3 low; an unrecognised priority is
   * medium (2).
   */
  public static int priorityRank(String priority) {
    return Priority.parse(priority).orElse(Priority.MEDIUM).ordinal();
  }

  /** Whether any filter besides the scope is set. */
  public boolean hasFilters() {
    return message != null || start != null || end != null || !emojis.isEmpty()
        || !statuses.isEmpty() || !agents.isEmpty() || !metaEquals.isEmpty()
        || !priorities.isEmpty() || !categories.isEmpty() || minConfidence != null;
  }

  /** Every filter except the message, applied to {@code e}. */
  public boolean matchesStructured(EntryAppended e) {
    if (!scope.includes(e.project())) return false;
    if (start != null || end != null) {
      long t = e.timestampMillis();
      if (t < startMillis() || t > endMillis()) return false;
    }
    Set<String> accepted = acceptedEmojis();
    if (!accepted.isEmpty() && !accepted.contains(e.emoji())) return false;
    if (!agents.isEmpty() && !agents.contains(e.agent())) return false;
    if (!priorities.isEmpty()) {
      Optional<Priority> p = Priority.parse(e.priority());
      if (p.isEmpty() || !priorities.contains(p.get())) return false;
    }
    if (!categories.isEmpty()) {
      String c = e.category();
      Optional<Category> cat = c == null ? Optional.empty() : Category.parse(c);
      if (cat.isEmpty() || !categories.contains(cat.get())) return false;
    }
    if (minConfidence != null) {
      Double c = e.confidence();
      if (c == null || c < minConfidence) return false;
    }
    for (Map.Entry<String, String> f : metaEquals.entrySet()) {
      if (!hasMeta(e, f.getKey(), f.getValue())) return false;
    }
    return true;
  }

  /** The whole predicate: scope, every filter and the message. */
  public boolean matches(EntryAppended e) {
    return matchesStructured(e) && (message == null || message.test(e.message()));
  }

  private static boolean hasMeta(EntryAppended e, String key, String value) {
    for (MetaPair p : e.meta()) if (p.key().equals(key) && p.value().equals(value)) return true;
    return false;
  }

  /** Builds an {@link EntryQuery}; collections accumulate. */
  public static final class Builder {
    private final EntryScope scope;
    private @Nullable MessageMatch message;
    private @Nullable Instant start;
    private @Nullable Instant end;
    private final Set<String> emojis = new LinkedHashSet<>();
    private final Set<Status> statuses = new LinkedHashSet<>();
    private final Set<String> agents = new LinkedHashSet<>();
    private final Map<String, String> metaEquals = new LinkedHashMap<>();
    private final Set<Priority> priorities = new LinkedHashSet<>();
    private final Set<Category> categories = new LinkedHashSet<>();
    private @Nullable Double minConfidence;
    private SortOrder order = SortOrder.ASC;
    private boolean prioritySort;
    private int page = 1;
    private int pageSize = 10;

    private Builder(EntryScope scope) {
      this.scope = requireNonNull(scope, "scope");
    }

    public Builder message(@Nullable MessageMatch m) {
      this.message = m;
      return this;
    }

    public Builder start(@Nullable Instant s) {
      this.start = s;
      return this;
    }

    public Builder end(@Nullable Instant e) {
      this.end = e;
      return this;
    }

    public Builder emojis(Collection<String> values) {
      emojis.addAll(values);
      return this;
    }

    public Builder statuses(Collection<Status> values) {
      statuses.addAll(values);
      return this;
    }

    public Builder agents(Collection<String> values) {
      agents.addAll(values);
      return this;
    }

    public Builder meta(String key, String value) {
      metaEquals.put(key, value);
      return this;
    }

    public Builder metaEquals(Map<String, String> values) {
      metaEquals.putAll(values);
      return this;
    }

    public Builder priorities(Collection<Priority> values) {
      priorities.addAll(values);
      return this;
    }

    public Builder categories(Collection<Category> values) {
      categories.addAll(values);
      return this;
    }

    public Builder minConfidence(@Nullable Double value) {
      this.minConfidence = value;
      return this;
    }

    public Builder order(SortOrder o) {
      this.order = requireNonNull(o, "order");
      return this;
    }

    public Builder prioritySort(boolean on) {
      this.prioritySort = on;
      return this;
    }

    public Builder page(int p) {
      this.page = p;
      return this;
    }

    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    public EntryQuery build() {
      return new EntryQuery(
          scope, message, start, end, emojis, statuses, agents, metaEquals, priorities,
          categories, minConfidence, order, prioritySort, page, pageSize);
    }
  }
}
