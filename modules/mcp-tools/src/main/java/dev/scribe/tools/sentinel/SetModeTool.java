package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.ModeSet;
import dev.scribe.domain.sentinel.Modes;
import dev.scribe.domain.sentinel.RepoIds;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.SessionState;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ports.RepositoryFiles;
import java.util.List;

/**
 * {@code set_mode}: a session chooses project mode (the default) or sentinel mode on one
 * repository. The repository root must be given (never the server's own directory), absolute and
 * existing; its real path is recorded ({@code ModeSet} on the session's stream). A sentinel session
 * never resolves a project; its project binding, if any, is kept for when it returns to project
 * mode.
 */
public final class SetModeTool {
  public static final String NAME = "set_mode";

  private SetModeTool() {}

  public static ToolBinding binding(SentinelSupport s) {
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Chooses this session's mode. \"project\" (the default): project tools work on the project"
                + " bound with set_project. \"sentinel\": repository-wide audit mode on repo_root"
                + " (required, an existing absolute path); only append_event, open_bug, open_security,"
                + " link_fix, close_case, list_cases, read_file, query_entries and set_mode are allowed,"
                + " anything else is refused and logged as a scope violation.",
            Schemas.object()
                .req("mode", Schemas.stringEnum("the mode", List.of(Modes.PROJECT, Modes.SENTINEL)))
                .prop("repo_root", Schemas.string("absolute path of the repository (sentinel mode only)"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("mode", Schemas.string("the session's mode now"))
                .req("previous_mode", Schemas.string("the mode before this call"))
                .prop("repo_root", Schemas.string("the repository's real path (sentinel mode)"))
                .prop("repo_id", Schemas.string("SHA-256 of repo_root (sentinel mode)"))
                .prop("sentinel_dir", Schemas.string("where today's sentinel files are (sentinel mode)"))
                .build(),
            ToolAnnotations.forAppends(true));
    return new ToolBinding(def, call -> SentinelSupport.run(() -> set(s, call)));
  }

  private static ToolResult set(SentinelSupport s, ToolCall call) {
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String mode = a.required("mode");
    String previous = s.session(call.sessionId()).map(SessionState::mode).orElse(Modes.PROJECT);
    String root = null;
    if (Modes.SENTINEL.equals(mode)) {
      String given = a.string("repo_root");
      if (given == null || given.isBlank()) {
        throw new ToolException(
            "invalid_argument", "repo_root is required for sentinel mode: the absolute path of the repository to audit.");
      }
      RepositoryFiles.RootCheck check = s.files.checkRoot(given);
      if (check instanceof RepositoryFiles.RootCheck.Bad bad) {
        throw new ToolException("invalid_argument", bad.message());
      }
      root = ((RepositoryFiles.RootCheck.Ok) check).realPath();
    } else if (Modes.PROJECT.equals(mode)) {
      if (a.has("repo_root")) {
        throw new ToolException(
            "invalid_argument",
            "repo_root is only used in sentinel mode; project mode works on the project bound with set_project.");
      }
    } else {
      throw new ToolException("invalid_argument", "Invalid mode '" + mode + "': project or sentinel.");
    }
    s.kit.writer().append(call, EventWriter.batch().add(
        Streams.session(call.sessionId()), new ModeSet(call.sessionId(), mode, root)));
    ObjectNode out = SentinelSupport.object();
    out.put("ok", true);
    out.put("mode", mode);
    out.put("previous_mode", previous);
    String text;
    if (root != null) {
      String day = RepoIds.day(s.kit.clock().instant());
      out.put("repo_root", root);
      out.put("repo_id", RepoIds.of(root));
      out.put("sentinel_dir", root + "/.scribe/sentinel/" + day);
      text = "Sentinel mode on " + root + ": events go to .scribe/sentinel/<day>/ of that repository.";
    } else {
      text = "Project mode: project tools work on the project bound with set_project.";
    }
    return ToolResult.success(out, text);
  }
}
