package dev.scribe.tools.sentinel;

import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.projections.Projection;
import dev.scribe.projections.sentinel.CasesView;
import dev.scribe.projections.sentinel.SentinelFilesProjection;
import dev.scribe.projections.views.ProjectsView;
import dev.scribe.projections.views.SessionsView;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ToolKit;
import dev.scribe.tools.files.ReadFileTool;
import dev.scribe.tools.ports.RepositoryFiles;
import java.util.ArrayList;
import dev.scribe.mcp.ToolGate;
import java.util.List;

/**
 * Sentinel mode and read_file, wired: the tools ({@code set_mode}, {@code append_event}, {@code
 * open_bug}, {@code open_security}, {@code link_fix}, {@code close_case}, {@code list_cases},
 * {@code read_file}), their views (cases, the sentinel files) and the mode gate every tool of the
 * server goes through.
 */
public final class SentinelTools {
  private final SentinelSupport support;
  private final CasesView cases = new CasesView();
  private final SentinelFilesProjection files = new SentinelFilesProjection();
  private final ModeGate gate;
  private final List<ToolBinding> tools = new ArrayList<>();

  /**
   * @param projects the project registry (read_file in project mode resolves the bound project's
   *     root through it); registered by the project tools
   */
  public SentinelTools(ToolKit kit, SessionsView sessions, ProjectsView projects, RepositoryFiles repositoryFiles) {
    support = new SentinelSupport(kit, sessions, cases, repositoryFiles);
    gate = new ModeGate(support);
    tools.add(SetModeTool.binding(support));
    tools.add(ReadFileTool.binding(support, projects));
    tools.add(AppendEventTool.binding(support));
    tools.add(CaseTools.open(support, CaseKind.BUG));
    tools.add(CaseTools.open(support, CaseKind.SECURITY));
    tools.add(CaseTools.linkFix(support));
    tools.add(CaseTools.closeCase(support));
    tools.add(CaseTools.listCases(support));
  }

  /** The cases view and the sentinel files projection. */
  public List<Projection> projections() {
    return List.of(cases.projection(), files);
  }

  /** The sentinel tools and read_file (not yet gated). */
  public List<ToolBinding> tools() {
    return List.copyOf(tools);
  }

  /** The mode gate, for the MCP engine (it runs before arguments are validated). */
  public ToolGate gate() {
    return gate.toolGate();
  }

  /** {@code all}, with query_entries searching the sentinel scope by default in sentinel mode. */
  public List<ToolBinding> withSentinelScope(List<ToolBinding> all) {
    return all.stream().map(gate::sentinelScopeByDefault).toList();
  }

  /** The handler of query_entries' sentinel scope, searching {@code search} (projection {@code view}). */
  public dev.scribe.tools.query.QueryEntriesTool.ScopeHandler queryScope(
      dev.scribe.projections.sentinel.SentinelSearch search, String view) {
    return SentinelQuery.handler(support, search, view);
  }

  public CasesView cases() {
    return cases;
  }
}
