package dev.scribe.server;

import dev.scribe.projections.Projection;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.mcp.ToolGate;
import dev.scribe.tools.HealthCheckTool;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.ports.DocsScaffolder;
import dev.scribe.tools.ports.LogSegments;
import dev.scribe.tools.ports.MarkdownPorts;
import dev.scribe.search.EntryIndex;
import dev.scribe.search.IndexConfig;
import dev.scribe.search.SentinelIndex;
import dev.scribe.tools.query.QueryEntriesTool;
import dev.scribe.tools.rotation.RotateLogTool;
import dev.scribe.server.files.FileReadService;
import dev.scribe.tools.project.ProjectTools;
import dev.scribe.tools.sentinel.SentinelQuery;
import dev.scribe.tools.sentinel.SentinelTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every Scribe tool and the views they need, wired together. The one place a newcomer reads to
 * find which class answers which tool.
 */
public final class ScribeToolset {
  private final List<Projection> projections = new ArrayList<>();
  private final List<ToolBinding> tools = new ArrayList<>();
  // The Markdown view (the human view of every project's logs) and the ports it serves.
  private final MarkdownView markdown = MarkdownView.onDisk();
  private final DocsScaffolder docs = MarkdownPorts.docsScaffolder(new MarkdownDocs());
  private final LogSegments segments = MarkdownPorts.logSegments(markdown);
  private final SentinelTools sentinel;
  private final EntryIndex entryIndex;
  private final SentinelIndex sentinelIndex = new SentinelIndex();

  /**
   * @param logMaxBytes append_entry rotates a project log whose current segment reached it (0
   *     disables)
   */
  public ScribeToolset(ToolKit kit, SessionsView sessions, long logMaxBytes) {
    entryIndex = new EntryIndex(IndexConfig.defaults(), kit.reads()::lastPosition);
    projections.add(markdown);
    tools.add(HealthCheckTool.binding(kit));
    // Project mode: set/get/list/delete_project, append_entry, read_recent, with the project
    // registry and recent-entries views. read_recent delegates pages beyond its in-memory window
    // to the search index once that is passed here.
    ProjectTools project =
        new ProjectTools(
            kit, sessions, docs, Optional.of(entryIndex), Optional.of(segments), logMaxBytes);
    projections.addAll(project.projections());
    tools.addAll(project.tools());
    // Sentinel mode (set_mode, append_event, the case tools) and read_file in both modes, reading
    // files through the file service; their views are the cases and the daily sentinel files.
    sentinel = new SentinelTools(kit, sessions, project.projectsView(), new FileReadService());
    projections.addAll(sentinel.projections());
    // Search: the Lucene entry index answers query_entries (and read_recent beyond its window);
    // the sentinel index answers its sentinel scope.
    projections.add(entryIndex);
    projections.add(sentinelIndex);
    tools.add(
        QueryEntriesTool.builder(kit, sessions, project.projectsView(), entryIndex, EntryIndex.NAME)
            .scope("sentinel", sentinel.queryScope(sentinelIndex, SentinelIndex.NAME), SentinelQuery.properties())
            .build());
    tools.add(RotateLogTool.binding(kit, sessions, project.projectsView(), segments));
    tools.addAll(sentinel.tools());
  }

  /** Views to register with the projection runner (besides the sessions view). */
  public List<Projection> projections() {
    return projections;
  }

  /** Every tool, in the order tools/list shows them. */
  public List<ToolBinding> tools() {
    return sentinel.withSentinelScope(tools);
  }

  /** Mode exclusivity: which session may call which tool (before arguments are validated). */
  public ToolGate gate() {
    return sentinel.gate();
  }
}
