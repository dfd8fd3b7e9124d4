package dev.scribe.tools.project;

import dev.scribe.domain.query.EntrySearch;
import dev.scribe.projections.Projection;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.RecentEntriesView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.ports.DocsScaffolder;
import dev.scribe.tools.ports.LogSegments;
import java.util.List;
import java.util.Optional;

/**
 * The project-mode tools and the two views they add (the project registry and the recent
 * entries); the sessions view is the server's. Register {@link #projections()} with the runner and
 * {@link #tools()} with the tool registry.
 */
public final class ProjectTools {
  private final ProjectsView projects = new ProjectsView();
  private final RecentEntriesView recent;
  private final ProjectContext ctx;

  /**
   * @param search answers read_recent pages beyond the in-memory window (the search index), when
   *     there is one
   * @param segments the Markdown view's segments, for size-triggered rotation on append, when
   *     there are
   * @param logMaxBytes {@code SCRIBE_LOG_MAX_BYTES}: rotate a log before an append once its
   *     current segment reached this size (0 disables)
   */
  public ProjectTools(
      ToolKit kit,
      SessionsView sessions,
      DocsScaffolder docs,
      Optional<EntrySearch> search,
      Optional<LogSegments> segments,
      long logMaxBytes) {
    this(kit, sessions, docs, search, segments, logMaxBytes, RecentEntriesView.DEFAULT_WINDOW);
  }

  /** As above, with the number of entries per project the recent-entries view keeps. */
  public ProjectTools(
      ToolKit kit,
      SessionsView sessions,
      DocsScaffolder docs,
      Optional<EntrySearch> search,
      Optional<LogSegments> segments,
      long logMaxBytes,
      int recentWindow) {
    if (logMaxBytes < 0) throw new IllegalArgumentException("logMaxBytes must be >= 0");
    this.recent = new RecentEntriesView(recentWindow);
    this.ctx = new ProjectContext(kit, sessions, projects, recent, docs, search, segments, logMaxBytes);
  }

  /** The project registry view. */
  public ProjectsView projectsView() {
    return projects;
  }

  /** The recent-entries view. */
  public RecentEntriesView recentEntriesView() {
    return recent;
  }

  /** The views to register with the projection runner. */
  public List<Projection> projections() {
    return List.of(projects, recent);
  }

  /** The tools, in the order tools/list shows them. */
  public List<ToolBinding> tools() {
    return List.of(
        SetProjectTool.binding(ctx),
        GetProjectTool.binding(ctx),
        ListProjectsTool.binding(ctx),
        DeleteProjectTool.binding(ctx),
        AppendEntryTool.binding(ctx),
        ReadRecentTool.binding(ctx));
  }
}
