package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.Streams;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import dev.scribe.domain.project.SetProject;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import dev.scribe.tools.ports.DocsScaffolder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code set_project} (reference §3.3, B01–B05, B17): registers the project if new (or updates its
 * descriptive fields), scaffolds its missing documents and binds the calling session to it with a
 * {@code ProjectBound} on the session's binding stream. Nothing global changes: other sessions keep
 * their bindings.
 *
 * <p>The binding stream is always appended with the version this call read, so {@code
 * binding_version} in the answer is exact; with {@code expected_version} a mismatch is a {@code
 * conflict} naming both versions (never swallowed), without it the call re-reads and retries.
 */
final class SetProjectTool {
  static final String NAME = "set_project";

  private SetProjectTool() {}

  static ToolBinding binding(ProjectContext ctx) {
    ObjectNode tags =
        Schemas.anyOf(
            "project tags: a list, or a JSON-array / comma-separated string",
            Schemas.array("", Schemas.string("")), Schemas.string(""));
    ObjectNode defaults =
        Schemas.anyOf(
            "project defaults: emoji (or default_emoji), agent (or default_agent), others kept",
            Schemas.anyObject(""), Schemas.string("a JSON object"));
    ToolDefinition def =
        ToolDefinition.of(
            NAME,
            "Bind this session to a project, registering it (and creating its docs under"
                + " <root>/.scribe/docs/dev_plans/<slug>/) if it is new. Every project-mode tool of"
                + " this session then works on that project. Call it first.",
            Schemas.object()
                .req("name", Schemas.string("the project's name"))
                .prop("root", Schemas.string("absolute path of the project's repository (required for a new project)"))
                .prop("progress_log", Schemas.string("progress log path, inside root (default <docs>/PROGRESS_LOG.md)"))
                .prop("defaults", defaults)
                .prop("emoji", Schemas.string("shortcut for defaults.emoji"))
                .prop("project_agent", Schemas.string("shortcut for defaults.agent"))
                .prop("author", Schemas.string("written into the docs (default: defaults.agent or Scribe)"))
                .prop("description", Schemas.string(""))
                .prop("tags", tags)
                .prop("overwrite_docs", Schemas.bool("regenerate the planning docs (logs are never overwritten)"))
                .prop("expected_version", Schemas.integer("this session's binding version as last seen; a mismatch is a conflict", 0))
                .prop("format", Format.schema("readable"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("project", ProjectJson.schema())
                .req("created", Schemas.bool("the project was registered by this call"))
                .req("updated", Schemas.bool("the project's descriptive fields changed"))
                .req("binding_version", Schemas.integer("this session's binding version after the call"))
                .req("generated", Schemas.array("documents written by this call", Schemas.string("")))
                .req("skipped", Schemas.array("keys of documents left as they were", Schemas.string("")))
                .prop("warnings", Schemas.array("", Schemas.string("")))
                .build(),
            ToolAnnotations.forAppends(true));
    return new ToolBinding(def, call -> ProjectContext.run(() -> call(ctx, call)));
  }

  private static ToolResult call(ProjectContext ctx, ToolCall call) {
    Args args = new Args(call.arguments());
    Format format = Format.parse(args, Format.READABLE);
    Map<String, String> defaults = args.stringMap("defaults");
    if (args.has("emoji") || args.has("project_agent")) {
      defaults = new LinkedHashMap<>(defaults == null ? Map.of() : defaults);
      if (args.has("emoji")) defaults.put("emoji", args.string("emoji"));
      if (args.has("project_agent")) defaults.put("agent", args.string("project_agent"));
    }
    SetProject.Command cmd =
        new SetProject.Command(
            call.sessionId(),
            args.string("name", ""),
            args.string("root"),
            args.string("progress_log"),
            defaults,
            args.string("author"),
            args.string("description"),
            args.strings("tags"));
    Long expected = args.integer("expected_version");
    boolean overwrite = args.bool("overwrite_docs", false);
    String bindingStream = Streams.binding(call.sessionId());

    ctx.registryLock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        long bindingVersion = ctx.kit.streams().streamVersion(bindingStream);
        if (expected != null && expected != bindingVersion) throw conflict(expected, bindingVersion);
        var registry = ctx.registry();
        long registryVersion = registry.version();
        SetProject.Target target = SetProject.target(cmd, registry);
        Path docsDir =
            target instanceof SetProject.Fresh f
                ? ctx.docs.docsDir(f.root(), f.slug())
                : Path.of(((SetProject.Existing) target).project().docsDir());
        SetProject.Decision d = SetProject.decide(cmd, registry, docsDir, ctx.kit.clock().instant());
        Project p = d.project();
        DocsScaffolder.Result scaffold;
        try {
          scaffold =
              ctx.docs.scaffold(
                  new DocsScaffolder.Request(
                      p.name(), Path.of(p.root()), Path.of(p.docsDir()), Path.of(p.progressLog()),
                      p.author(), overwrite));
        } catch (DocsScaffolder.ScaffoldException e) {
          throw new ToolException("permission_denied", e.getMessage());
        }
        EventWriter.Batch batch = EventWriter.batch();
        d.projectEvent().ifPresent(e -> batch.add(Streams.PROJECTS, e));
        batch.add(bindingStream, d.bound());
        batch.expect(Streams.PROJECTS, ExpectedVersion.exactly(registryVersion));
        batch.expect(bindingStream, ExpectedVersion.exactly(bindingVersion));
        try {
          ctx.kit.writer().append(call, batch);
        } catch (ExpectedVersionMismatchException e) {
          if (expected != null && e.stream().equals(bindingStream)) {
            throw conflict(expected, e.actual());
          }
          if (attempt >= ProjectContext.ATTEMPTS) {
            throw new DomainException(
                Codes.CONFLICT,
                "set_project lost " + attempt + " races for the project registry; retry.");
          }
          continue;
        }
        return reply(format, d, bindingVersion + 1, scaffold);
      }
    } finally {
      ctx.registryLock.unlock();
    }
  }

  private static DomainException conflict(long expected, long actual) {
    return new DomainException(
        Codes.CONFLICT,
        "expected_version " + expected + " does not match this session's binding version "
            + actual + ": another set_project of this session came first. Check get_project and"
            + " retry with expected_version " + actual + ".");
  }

  private static ToolResult reply(
      Format format, SetProject.Decision d, long bindingVersion, DocsScaffolder.Result scaffold) {
    Project p = d.project();
    ObjectNode out = McpJson.object();
    out.put("ok", true);
    out.set("project", ProjectJson.of(p));
    out.put("created", d.created());
    out.put("updated", d.updated());
    out.put("binding_version", bindingVersion);
    ArrayNode generated = out.putArray("generated");
    scaffold.generated().forEach(g -> generated.add(g.toString()));
    ArrayNode skipped = out.putArray("skipped");
    scaffold.skipped().forEach(skipped::add);
    out.putArray("warnings");
    String what =
        d.created()
            ? "Registered project '" + p.name() + "' and bound this session to it."
            : d.updated()
                ? "Updated project '" + p.name() + "' and bound this session to it."
                : "Bound this session to project '" + p.name() + "'.";
    String text =
        what + "\nRoot: " + p.root() + "\nProgress log: " + p.progressLog() + "\nDocs: "
            + p.docsDir() + " (" + scaffold.generated().size() + " created, "
            + scaffold.skipped().size() + " kept)\nBinding version: " + bindingVersion;
    return format.reply(out, text);
  }
}
