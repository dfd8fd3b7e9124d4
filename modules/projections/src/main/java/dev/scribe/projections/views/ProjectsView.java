package dev.scribe.projections.views;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.project.ProjectRegistry;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.Projection;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project registry: every live project by name, with the indexes {@code set_project} needs to
 * keep progress logs and docs directories unique. A fold over {@code ProjectRegistered}, {@code
 * ProjectUpdated} and {@code ProjectDeleted} on the {@code projects} stream; in memory, rebuilt
 * from position 0 on start.
 *
 * <p><b>Structure.</b> Concurrent hash maps of immutable {@link Project} rows, written only by the
 * projection's thread, plus the applied version of the {@code projects} stream, published last
 * (volatile). A project event costs O(1); nothing is copied per event (a copy-on-write map would
 * cost O(projects) per registration and O(projects²) to replay a long history). Readers never lock:
 * a reader that sees {@link #version()} equal to the log's {@code projects} stream version sees
 * every row that version implies. Deciders that must not race a concurrent change (set_project,
 * delete_project) hold the tools' registry lock and append with the version they decided on, so the
 * log refuses a decision made on a stale registry.
 *
 * <p>A deleted project disappears (its name, log and docs directory become free); a binding made
 * to it stays stale even if the name is registered again, because the new row has a later {@link
 * Project#registeredPosition()}.
 */
public final class ProjectsView implements Projection, ProjectRegistry {
  public static final String NAME = "projects";

  private final ConcurrentHashMap<String, Project> byName = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> byProgressLog = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> byDocsDir = new ConcurrentHashMap<>();
  private volatile long version;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Checkpoint open(Path directory) {
    clear();
    return Checkpoint.NONE;
  }

  /** Only the {@code projects} stream changes the registry (and its version). */
  @Override
  public boolean applies(String type, String stream) {
    return Streams.PROJECTS.equals(stream);
  }

  @Override
  public void apply(RecordedEvent e) {
    if (!Streams.PROJECTS.equals(e.stream())) return;
    if (e.event() instanceof ProjectRegistered r) {
      remove(r.name());
      Project p =
          new Project(
              r.name(), r.slug(), r.root(), r.docsDir(), r.progressLog(), new TreeMap<>(r.defaults()),
              r.author(), r.description(), r.tags(), e.recordedAt(), e.recordedAt(), e.position());
      byName.put(p.name(), p);
      byProgressLog.put(p.progressLog(), p.name());
      byDocsDir.put(p.docsDir(), p.name());
    } else if (e.event() instanceof ProjectUpdated u) {
      Project p = byName.get(u.name());
      if (p != null) {
        byName.put(
            p.name(),
            new Project(
                p.name(), p.slug(), p.root(), p.docsDir(), p.progressLog(),
                new TreeMap<>(u.defaults()), u.author(), u.description(), u.tags(),
                p.registeredAt(), e.recordedAt(), p.registeredPosition()));
      }
    } else if (e.event() instanceof ProjectDeleted d) {
      remove(d.name());
    }
    version = e.streamVersion();
  }

  private void remove(String name) {
    Project old = byName.remove(name);
    if (old == null) return;
    byProgressLog.remove(old.progressLog(), name);
    byDocsDir.remove(old.docsDir(), name);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    // In memory: rebuilt from position 0 on every start.
  }

  @Override
  public void reset() {
    clear();
  }

  private void clear() {
    version = 0;
    byName.clear();
    byProgressLog.clear();
    byDocsDir.clear();
  }

  // ---- reads (thread-safe) ---------------------------------------------------------------

  @Override
  public long version() {
    return version;
  }

  @Override
  public Optional<Project> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public Optional<Project> ownerOfProgressLog(String path) {
    String n = byProgressLog.get(path);
    return n == null ? Optional.empty() : find(n);
  }

  @Override
  public Optional<Project> ownerOfDocsDir(String path) {
    String n = byDocsDir.get(path);
    return n == null ? Optional.empty() : find(n);
  }

  @Override
  public Collection<Project> all() {
    return Collections.unmodifiableCollection(byName.values());
  }

  /** The whole registry, sorted by name, with its version: for tests and diagnostics. */
  public Snapshot snapshot() {
    return new Snapshot(
        version,
        Collections.unmodifiableSortedMap(new TreeMap<>(byName)),
        Collections.unmodifiableSortedMap(new TreeMap<>(byProgressLog)),
        Collections.unmodifiableSortedMap(new TreeMap<>(byDocsDir)));
  }

  /** A copy of the registry's content. */
  public record Snapshot(
      long version,
      SortedMap<String, Project> projects,
      SortedMap<String, String> progressLogs,
      SortedMap<String, String> docsDirs) {}
}
