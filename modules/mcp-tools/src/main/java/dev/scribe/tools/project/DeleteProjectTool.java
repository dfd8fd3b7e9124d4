package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.project.DeleteProject;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.views.SessionState;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code delete_project} (reference §3.11, B19, B20): appends {@code ProjectDeleted}; the Markdown
 * view archives or removes the docs directory, the views forget the project, and sessions bound to
 * it get {@code project_deleted} from then on. Other sessions' bindings are untouched (they are
 * separate streams). The answer carries {@code ok} like every tool, plus {@code success} and
 * {@code errors} for clients written against the Python server.
 */
final class DeleteProjectTool {
  static final String NAME = "delete_project";

  private DeleteProjectTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Delete a project: 'archive' (default) moves its docs to <archive_path>/<slug>_<time>,"
                + " 'permanent' removes them. Needs confirm=true (or force=true). Sessions bound to"
                + " it must call set_project again; other sessions are not affected.",
            Schemas.object()
                .req("name", Schemas.string("the project to delete"))
                .prop("mode", Schemas.string("archive (default) or permanent"))
                .prop("confirm", Schemas.bool("required unless force"))
                .prop("force", Schemas.bool("skip the confirmation"))
                .prop("archive_path", Schemas.string("archive directory, absolute or relative to the project root (default .scribe/archived_projects)"))
                .prop("format", Format.schema("readable"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("success", Schemas.bool("same as ok (Python clients)"))
                .req("project_name", Schemas.string(""))
                .req("mode", Schemas.string(""))
                .req("message", Schemas.string(""))
                .req("details", Schemas.anyObject("archive_location for archive mode"))
                .req("warnings", Schemas.array("", Schemas.string("")))
                .req("errors", Schemas.array("", Schemas.string("")))
                .build(),
            ToolAnnotations.forDestructive(false));
    return new ToolBinding(
        def,
        call ->
            ProjectContext.run(
                () -> {
                  try {
                    return call(ctx, call);
                  } catch (DomainException e) {
                    return refused(call, e);
                  }
                }));
  }

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Args args = new Args(call.arguments());
    Format format = Format.parse(args, Format.READABLE);
    DeleteProject.Command cmd =
        new DeleteProject.Command(
            args.string("name", ""),
            args.string("mode", DeleteProject.ARCHIVE),
            args.bool("confirm", false),
            args.bool("force", false),
            args.string("archive_path"));
    ctx.registryLock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        var registry = ctx.registry();
        long version = registry.version();
        DeleteProject.Decision d =
            DeleteProject.decide(cmd, registry, ctx.kit.clock().instant());
        List<String> warnings = boundSessions(ctx, d.project(), call.sessionId());
        EventWriter.Batch batch =
            EventWriter.batch()
                .add(Streams.PROJECTS, d.event())
                .expect(Streams.PROJECTS, ExpectedVersion.exactly(version));
        try {
          ctx.kit.writer().append(call, batch);
        } catch (ExpectedVersionMismatchException e) {
          if (attempt >= ProjectContext.ATTEMPTS) {
            throw new DomainException(
                Codes.CONFLICT, "delete_project lost " + attempt + " races for the registry; retry.");
          }
          continue;
        }
        // Answer once the Markdown view has moved or removed the docs, so a set_project right
        // after this call cannot race the move. The deletion itself is already durable.
        ctx.segments.ifPresent(
            seg -> {
              try {
                ctx.await(seg.viewName());
              } catch (ToolException e) {
                warnings.add("The docs have not been moved yet: " + e.getMessage());
              }
            });
        return reply(format, d, warnings);
      }
    } finally {
      ctx.registryLock.unlock();
    }
  }

  /** A warning naming how many sessions (other than the caller) lose their binding. */
  private static List<String> boundSessions(ProjectContext ctx, Project p, String caller) {
    int others = 0;
    for (SessionState s : ctx.sessions.open()) {
      if (p.name().equals(s.project())
          && s.bindingPosition() > p.registeredPosition()
          && !s.sessionId().equals(caller)) {
        others++;
      }
    }
    List<String> w = new ArrayList<>();
    if (others > 0) {
      w.add(others + " other session(s) are bound to '" + p.name() + "'; their project-mode calls"
          + " fail with project_deleted until they call set_project.");
    }
    return w;
  }

  private static ToolResult reply(Format format, DeleteProject.Decision d, List<String> warnings) {
    boolean archive = d.event().archivePath() != null;
    String message =
        archive
            ? "Project '" + d.project().name() + "' deleted; its docs are archived to "
                + d.event().archivePath() + "."
            : "Project '" + d.project().name() + "' deleted permanently; its docs are removed.";
    ObjectNode out = McpJson.object();
    out.put("ok", true);
    out.put("success", true);
    out.put("project_name", d.project().name());
    out.put("mode", d.event().mode());
    out.put("message", message);
    ObjectNode details = out.putObject("details");
    if (archive) details.put("archive_location", d.event().archivePath());
    details.put("docs_dir", d.project().docsDir());
    ArrayNode w = out.putArray("warnings");
    warnings.forEach(w::add);
    out.putArray("errors");
    StringBuilder text = new StringBuilder(message);
    for (String s : warnings) text.append("\nWarning: ").append(s);
    return format.reply(out, text.toString());
  }

  /** A refusal in the Python server's shape too: {@code success:false} and {@code errors}. */
  private static ToolResult refused(ToolCall call, DomainException e) {
    ObjectNode details = McpJson.object();
    details.put("success", false);
    details.put("project_name", call.arguments().path("name").asText(""));
    details.put("mode", call.arguments().path("mode").asText(DeleteProject.ARCHIVE));
    details.put("message", e.getMessage());
    ArrayNode errors = details.putArray("errors");
    if (e.errors().isEmpty()) errors.add(e.getMessage());
    else e.errors().forEach(errors::add);
    details.putArray("warnings");
    return ToolResult.error(e.code(), e.getMessage(), details);
  }
}
