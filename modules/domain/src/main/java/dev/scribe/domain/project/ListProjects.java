package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.project.DomainException.Codes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code list_projects} (reference §3.5, B18): filter, hide test-like names, order, paginate. The
 * default order is the name, case-insensitive ascending; with {@code order_by} the direction
 * (default descending) applies, projects without a value come last, ties by name.
 */
public final class ListProjects {
  /** Names hidden unless {@code include_test}: generated test, temp, demo and sample projects. */
  private static final List<Pattern> TEST_NAMES =
      List.of(
          Pattern.compile("^test-.*-[a-f0-9]{8,}$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^temp-.*", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^demo", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^example", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^mock", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^sample", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^history-test-.*", Pattern.CASE_INSENSITIVE));

  /** The {@code order_by} values. */
  public static final List<String> ORDER_BY =
      List.of("name", "created_at", "last_entry_at", "last_access_at", "total_entries");

  private ListProjects() {}

  /** What the views know about a project's activity. */
  public record Stats(long totalEntries, @Nullable Instant lastEntryAt, @Nullable Instant lastAccessAt) {
    public static final Stats NONE = new Stats(0, null, null);
  }

  /**
   * @param filter case-insensitive substring of the name
   * @param tags a project matches when it has any of them (empty: no constraint)
   * @param orderBy one of {@link #ORDER_BY}, null for the name order
   * @param descending applies with {@code orderBy} only
   */
  public record Query(
      @Nullable String filter,
      boolean includeTest,
      List<String> tags,
      int page,
      int pageSize,
      @Nullable String orderBy,
      boolean descending) {
    public Query {
      tags = List.copyOf(requireNonNull(tags, "tags"));
      if (page < 1) throw new IllegalArgumentException("page must be >= 1");
      if (pageSize < 1) throw new IllegalArgumentException("pageSize must be >= 1");
      if (orderBy != null && !ORDER_BY.contains(orderBy)) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Invalid order_by '" + orderBy + "'. Allowed: " + String.join(", ", ORDER_BY) + ".");
      }
    }
  }

  public record Row(Project project, Stats stats) {}

  /**
   * @param totalCount projects that passed the filters
   * @param totalAvailable live projects before any filter
   * @param filtered whether a filter (or the test-name rule) hid any project
   */
  public record Page(
      List<Row> rows, int page, int pageSize, long totalCount, long totalAvailable, boolean filtered) {
    public Page {
      rows = List.copyOf(rows);
    }

    public boolean hasNext() {
      return (long) page * pageSize < totalCount;
    }

    public boolean hasPrev() {
      return page > 1;
    }
  }

  /** Whether {@code name} looks like a generated test/demo project. */
  public static boolean isTestName(String name) {
    for (Pattern p : TEST_NAMES) if (p.matcher(name).find()) return true;
    return false;
  }

  public static Page run(Query q, Collection<Project> projects, Function<String, Stats> stats) {
    String needle = q.filter() == null ? null : q.filter().toLowerCase(Locale.ROOT);
    List<Row> rows = new ArrayList<>();
    for (Project p : projects) {
      if (needle != null && !p.name().toLowerCase(Locale.ROOT).contains(needle)) continue;
      if (!q.includeTest() && isTestName(p.name())) continue;
      if (!q.tags().isEmpty() && p.tags().stream().noneMatch(q.tags()::contains)) continue;
      rows.add(new Row(p, stats.apply(p.name())));
    }
    rows.sort(order(q));
    int from = (int) Math.min(rows.size(), (long) (q.page() - 1) * q.pageSize());
    int to = (int) Math.min(rows.size(), (long) from + q.pageSize());
    return new Page(
        rows.subList(from, to), q.page(), q.pageSize(), rows.size(), projects.size(),
        rows.size() != projects.size());
  }

  private static Comparator<Row> order(Query q) {
    Comparator<Row> byName =
        Comparator.comparing((Row r) -> r.project().name().toLowerCase(Locale.ROOT))
            .thenComparing(r -> r.project().name());
    if (q.orderBy() == null || q.orderBy().equals("name")) {
      return q.orderBy() != null && q.descending() ? byName.reversed() : byName;
    }
    Function<Row, @Nullable Comparable<?>> key =
        switch (q.orderBy()) {
          case "created_at" -> r -> r.project().registeredAt();
          case "last_entry_at" -> r -> r.stats().lastEntryAt();
          case "last_access_at" -> r -> r.stats().lastAccessAt();
          default -> r -> r.stats().totalEntries();
        };
    return (a, b) -> {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparable<Object> ka = (Comparable) key.apply(a);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparable<Object> kb = (Comparable) key.apply(b);
      if (ka == null || kb == null) {
        if (ka != kb) return ka == null ? 1 : -1; // no value: last in either direction
        return byName.compare(a, b);
      }
      int c = ka.compareTo(kb);
      if (c != 0) return q.descending() ? -c : c;
      return byName.compare(a, b);
    };
  }
}
