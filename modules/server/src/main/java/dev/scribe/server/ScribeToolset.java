package dev.scribe.server;

import dev.scribe.projections.Projection;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.HealthCheckTool;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.ports.DocsScaffolder;
import dev.scribe.tools.ports.LogSegments;
import dev.scribe.tools.ports.MarkdownPorts;
import java.util.ArrayList;
import java.util.List;

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

  public ScribeToolset(ToolKit kit, SessionsView sessions) {
    projections.add(markdown);
    tools.add(HealthCheckTool.binding(kit));
  }

  /** Views to register with the projection runner (besides the sessions view). */
  public List<Projection> projections() {
    return projections;
  }

  /** Every tool, in the order tools/list shows them. */
  public List<ToolBinding> tools() {
    return tools;
  }
}
