package dev.scribe.tools.project;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.project.Binding;
import dev.scribe.domain.project.Bindings;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.query.EntrySearch;
import dev.scribe.domain.query.InvalidQueryException;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.RecentEntriesView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.Views;
import dev.scribe.tools.ports.DocsScaffolder;
import dev.scribe.tools.ports.LogSegments;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What the project tools share: the kit, the views, the ports, and the rules every handler follows
 * to read fresh state and to find the caller's project.
 *
 * <p><b>Freshness.</b> A view is fresh for a call when it has applied every acknowledged event of
 * the streams the answer depends on: the caller's {@code binding-<session>} stream, the {@code
 * projects} stream, the project's {@code project-<name>} stream. Each view publishes the versions
 * it applied; when they equal the log's stream versions the view is read at once (no O(log) work,
 * no wait on unrelated sessions' events), otherwise the handler waits until the view has applied
 * the log's last position ({@code awaitApplied}), which covers the caller's own earlier writes
 * (read-your-writes). This is docs/tools-design.md §3 with a cheaper test for "already fresh".
 *
 * <p><b>The registry lock.</b> Decisions on the {@code projects} stream (register, update, delete)
 * are serialised in this process, so concurrent {@code set_project} calls of many sessions do not
 * burn their retries on each other; the expected version on the stream remains the guard.
 */
final class ProjectContext {
  static final int ATTEMPTS = 5;

  final ToolKit kit;
  final SessionsView sessions;
  final ProjectsView projects;
  final RecentEntriesView recent;
  final DocsScaffolder docs;
  final Optional<EntrySearch> search;
  final Optional<LogSegments> segments;
  final long logMaxBytes;
  final ReentrantLock registryLock = new ReentrantLock();

  ProjectContext(
      ToolKit kit,
      SessionsView sessions,
      ProjectsView projects,
      RecentEntriesView recent,
      DocsScaffolder docs,
      Optional<EntrySearch> search,
      Optional<LogSegments> segments,
      long logMaxBytes) {
    this.kit = requireNonNull(kit, "kit");
    this.sessions = requireNonNull(sessions, "sessions");
    this.projects = requireNonNull(projects, "projects");
    this.recent = requireNonNull(recent, "recent");
    this.docs = requireNonNull(docs, "docs");
    this.search = requireNonNull(search, "search");
    this.segments = requireNonNull(segments, "segments");
    this.logMaxBytes = logMaxBytes;
  }

  // ---- freshness ---------------------------------------------------------------------------

  /** Waits until view {@code name} has applied the log's last position. */
  void await(String view) {
    Views.awaitLatest(kit, view);
  }

  /** The project registry, fresh for the {@code projects} stream. */
  ProjectsView registry() {
    if (projects.version() != kit.streams().streamVersion(Streams.PROJECTS)) {
      await(ProjectsView.NAME);
    }
    return projects;
  }

  /**
   * The recent-entries view, fresh for {@code project}'s stream and for the {@code projects}
   * stream (whose deletions empty a project).
   */
  Optional<RecentEntriesView.ProjectEntries> entries(String project) {
    long v = kit.streams().streamVersion(Streams.project(project));
    long pv = kit.streams().streamVersion(Streams.PROJECTS);
    Optional<RecentEntriesView.ProjectEntries> pe = recent.project(project);
    boolean fresh =
        recent.projectsVersion() == pv
            && (v == 0 || (pe.isPresent() && pe.get().streamVersion() == v));
    if (fresh) return pe;
    await(RecentEntriesView.NAME);
    return recent.project(project);
  }

  /** The caller's current binding, exact ({@link Views#binding}). */
  Optional<Binding> binding(String sessionId) {
    return Views.binding(kit, sessions, sessionId);
  }

  /** The caller's project: {@code no_project_bound} / {@code project_deleted} otherwise. */
  Project boundProject(String sessionId) {
    return Bindings.resolve(binding(sessionId), registry());
  }

  /** The caller's bound project if the binding is valid, else empty (for informative fields). */
  Optional<Project> boundProjectIfAny(String sessionId) {
    try {
      return Optional.of(boundProject(sessionId));
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  // ---- answers -----------------------------------------------------------------------------

  /**
   * Runs a handler body: domain refusals and invalid query arguments become tool errors (with an
   * {@code errors} list when the refusal has one).
   */
  static CompletionStage<ToolResult> run(Supplier<ToolResult> body) {
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (DomainException e) {
      return CompletableFuture.completedFuture(failure(e));
    } catch (InvalidQueryException e) {
      return CompletableFuture.completedFuture(
          ToolResult.error("invalid_argument", e.getMessage()));
    }
  }

  static ToolResult failure(DomainException e) {
    ObjectNode details = McpJson.object();
    if (!e.errors().isEmpty()) {
      ArrayNode errors = details.putArray("errors");
      e.errors().forEach(errors::add);
    }
    return ToolResult.error(e.code(), e.getMessage(), details);
  }
}
