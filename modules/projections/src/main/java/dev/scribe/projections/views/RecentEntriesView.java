package dev.scribe.projections.views;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.Projection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The last {@code window} entries of every project, in log order, for {@code read_recent}; plus
 * per-project counters ({@code get_project}'s entry counts per log, {@code list_projects}'
 * total entries, last entry and last access). In memory, rebuilt from position 0 on start.
 *
 * <p><b>Structure.</b> One {@link ProjectEntries} per project: a ring buffer of immutable {@link
 * RecentEntry} objects (grown by doubling up to the window, then overwritten oldest first) and a
 * volatile count published after each write. The projection's thread is the only writer; readers
 * never lock and never copy the buffer: they read the count, then walk the slots, and accept a slot
 * only if it holds the entry of the expected sequence number (a slot overwritten during the walk is
 * detected and ends it). An entry costs O(1) to apply and nothing is copied per event, which a
 * persistent or copy-on-write list could not give at this rate.
 *
 * <p>A {@code ProjectDeleted} replaces the project's buffer with an empty one (keeping the stream
 * version), so a project registered again under the same name starts empty.
 */
public final class RecentEntriesView implements Projection {
  public static final String NAME = "recent-entries";

  /** Entries kept per project unless configured otherwise. */
  public static final int DEFAULT_WINDOW = 4096;

  private static final String PROJECT_STREAM = Streams.project("");

  private final int window;
  private final ConcurrentHashMap<String, ProjectEntries> projects = new ConcurrentHashMap<>();
  private volatile long projectsVersion;

  public RecentEntriesView() {
    this(DEFAULT_WINDOW);
  }

  /** A view keeping the last {@code window} entries of each project. */
  public RecentEntriesView(int window) {
    if (window < 1) throw new IllegalArgumentException("window must be >= 1");
    this.window = window;
  }

  @Override
  public String name() {
    return NAME;
  }

  public int window() {
    return window;
  }

  @Override
  public Checkpoint open(Path directory) {
    reset();
    return Checkpoint.NONE;
  }

  /**
   * Exactly what {@link #apply} reads: every event of a project stream and of the {@code projects}
   * stream (their versions decide freshness), and bindings (last access).
   */
  @Override
  public boolean applies(String type, String stream) {
    return stream.startsWith(PROJECT_STREAM)
        || Streams.PROJECTS.equals(stream)
        || PROJECT_BOUND.equals(type);
  }

  private static final String PROJECT_BOUND = ProjectBound.class.getSimpleName();

  @Override
  public void apply(RecordedEvent e) {
    String stream = e.stream();
    if (stream.startsWith(PROJECT_STREAM)) {
      String project = stream.substring(PROJECT_STREAM.length());
      ProjectEntries pe = projects.computeIfAbsent(project, p -> new ProjectEntries(p, window, 0));
      if (e.event() instanceof EntryAppended a) {
        pe.add(e.position(), e.sessionId(), e.recordedAt(), a);
      }
      pe.streamVersion = e.streamVersion();
    } else if (Streams.PROJECTS.equals(stream)) {
      if (e.event() instanceof ProjectDeleted d) {
        ProjectEntries old = projects.get(d.name());
        if (old != null) {
          projects.put(d.name(), new ProjectEntries(d.name(), window, old.streamVersion));
        }
      }
      projectsVersion = e.streamVersion();
    } else if (e.event() instanceof ProjectBound b) {
      projects
          .computeIfAbsent(b.project(), p -> new ProjectEntries(p, window, 0))
          .lastBoundAt = e.recordedAt();
    }
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    // In memory: rebuilt from position 0 on every start.
  }

  @Override
  public void reset() {
    projectsVersion = 0;
    projects.clear();
  }

  /**
   * The version of the {@code projects} stream applied: a deletion there empties a project, so a
   * reader is fresh only when this and the project's own stream version both equal the log's.
   */
  public long projectsVersion() {
    return projectsVersion;
  }

  /** The entries of {@code project}, if any event of it was applied. */
  public Optional<ProjectEntries> project(String project) {
    return Optional.ofNullable(projects.get(project));
  }

  /** Every project's content, sorted: for tests and diagnostics. */
  public SortedMap<String, ProjectSnapshot> snapshot() {
    TreeMap<String, ProjectSnapshot> out = new TreeMap<>();
    projects.forEach((k, v) -> out.put(k, v.snapshot()));
    return Collections.unmodifiableSortedMap(out);
  }

  /** A copy of one project's content (positions of the window's entries, counters). */
  public record ProjectSnapshot(
      long streamVersion,
      long total,
      List<Long> windowPositions,
      List<String> windowEntryIds,
      SortedMap<String, Long> logCounts,
      @Nullable Instant lastEntryAt,
      @Nullable Instant lastBoundAt) {}

  /**
   * One project's entries and counters. Written by the view's thread only; every read method is
   * thread-safe and lock-free.
   */
  public static final class ProjectEntries {
    private final String project;
    private final int window;
    private volatile RecentEntry[] ring = new RecentEntry[0];
    private volatile long count;
    private volatile long streamVersion;
    private volatile @Nullable Instant lastEntryAt;
    private volatile @Nullable Instant lastBoundAt;
    private final ConcurrentHashMap<String, AtomicLong> logCounts = new ConcurrentHashMap<>();

    ProjectEntries(String project, int window, long streamVersion) {
      this.project = project;
      this.window = window;
      this.streamVersion = streamVersion;
    }

    void add(long position, String sessionId, Instant recordedAt, EntryAppended a) {
      long seq = count;
      RecentEntry[] r = ring;
      if (seq >= r.length && r.length < window) {
        r = Arrays.copyOf(r, (int) Math.min(window, Math.max(16L, 2L * r.length)));
        ring = r;
      }
      r[(int) (seq % r.length)] = new RecentEntry(position, seq, sessionId, recordedAt, a);
      logCounts.computeIfAbsent(a.logType(), k -> new AtomicLong()).incrementAndGet();
      for (String t : a.teeLogTypes()) {
        logCounts.computeIfAbsent(t, k -> new AtomicLong()).incrementAndGet();
      }
      lastEntryAt = recordedAt;
      count = seq + 1; // publishes the slot written above
    }

    public String project() {
      return project;
    }

    /**
     * The version of the {@code project-<name>} stream applied: equal to the log's, the view holds
     * every event of the project that the log acknowledged.
     */
    public long streamVersion() {
      return streamVersion;
    }

    /** Entries appended to this project (since it was last registered). */
    public long total() {
      return count;
    }

    /** Whether the window still holds every entry of the project (none was evicted). */
    public boolean complete() {
      return count <= window;
    }

    /** Lines per log: each entry counts in its primary log and in every tee log. */
    public Map<String, Long> logCounts() {
      Map<String, Long> out = new TreeMap<>();
      logCounts.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    public Optional<Instant> lastEntryAt() {
      return Optional.ofNullable(lastEntryAt);
    }

    public Optional<Instant> lastBoundAt() {
      return Optional.ofNullable(lastBoundAt);
    }

    /**
     * Visits the window's entries newest first until {@code visitor} returns false.
     *
     * @return true if the walk reached the oldest entry of the project (nothing older exists),
     *     false if it stopped early: the visitor declined, the window ends before the project's
     *     first entry, or the writer overwrote a slot during the walk
     */
    public boolean newestFirst(Predicate<RecentEntry> visitor) {
      return newestFirst(count, visitor);
    }

    /**
     * {@link #newestFirst(Predicate)} over the first {@code upTo} entries only (a {@link #total()}
     * read earlier), so a reader's page and totals describe one consistent prefix while the writer
     * goes on appending.
     */
    public boolean newestFirst(long upTo, Predicate<RecentEntry> visitor) {
      long n = Math.min(upTo, count);
      RecentEntry[] r = ring;
      long lowest = Math.max(0, n - Math.min(window, r.length));
      for (long seq = n - 1; seq >= lowest; seq--) {
        RecentEntry e = r[(int) (seq % r.length)];
        if (e == null || e.seq() != seq) return false;
        if (!visitor.test(e)) return false;
      }
      return lowest == 0;
    }

    /**
     * Visits the window's entries oldest first until {@code visitor} returns false.
     *
     * @return true if the walk started at the project's first entry and reached the newest entry
     *     of the count it read; false otherwise (as {@link #newestFirst})
     */
    public boolean oldestFirst(Predicate<RecentEntry> visitor) {
      return oldestFirst(count, visitor);
    }

    /** {@link #oldestFirst(Predicate)} over the first {@code upTo} entries only. */
    public boolean oldestFirst(long upTo, Predicate<RecentEntry> visitor) {
      long n = Math.min(upTo, count);
      RecentEntry[] r = ring;
      long lowest = Math.max(0, n - Math.min(window, r.length));
      for (long seq = lowest; seq < n; seq++) {
        RecentEntry e = r[(int) (seq % r.length)];
        if (e == null || e.seq() != seq) return false;
        if (!visitor.test(e)) return false;
      }
      return lowest == 0;
    }

    ProjectSnapshot snapshot() {
      List<Long> positions = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      oldestFirst(
          e -> {
            positions.add(e.position());
            ids.add(e.entry().entryId());
            return true;
          });
      return new ProjectSnapshot(
          streamVersion, count, List.copyOf(positions), List.copyOf(ids),
          Collections.unmodifiableSortedMap(new TreeMap<>(logCounts())), lastEntryAt, lastBoundAt);
    }
  }
}
