package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.entry.Agents;
import dev.scribe.domain.entry.Slugs;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.project.DomainException.Codes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code set_project}: register a project if it is new (or update its descriptive fields), and
 * bind the calling session to it (reference §3.3, INTENDED: no global "current project").
 *
 * <p>Two steps, so the caller can resolve the docs directory (a file-system question) in between:
 * {@link #target} validates the name and root and says whether the project exists; {@link #decide}
 * makes the decision.
 *
 * <p>An existing project keeps its paths: a different {@code root} or {@code progress_log} is a
 * {@code conflict} (paths never change; delete the project or use another name). Descriptive
 * fields given replace the registered ones ({@code ProjectUpdated}); absent ones are kept.
 */
public final class SetProject {
  private static final int MAX_NAME_LENGTH = 200;

  private SetProject() {}

  /**
   * The command.
   *
   * @param name the project's name (surrounding whitespace is ignored)
   * @param root required for a new project; for an existing one it must match when given
   * @param progressLog absolute or relative to {@code root}; default {@code
   *     <docsDir>/PROGRESS_LOG.md}
   * @param defaults replaces the registered defaults when given
   */
  public record Command(
      String sessionId,
      String name,
      @Nullable String root,
      @Nullable String progressLog,
      @Nullable Map<String, String> defaults,
      @Nullable String author,
      @Nullable String description,
      @Nullable List<String> tags) {
    public Command {
      requireNonNull(sessionId, "sessionId");
      requireNonNull(name, "name");
      if (defaults != null) defaults = Map.copyOf(defaults);
      if (tags != null) tags = List.copyOf(tags);
    }
  }

  /** What {@link #target} found. */
  public sealed interface Target permits Existing, Fresh {}

  /** The project exists; its docs directory is the registered one. */
  public record Existing(Project project) implements Target {}

  /** The project is new: the caller resolves its docs directory under {@code root} for {@code slug}. */
  public record Fresh(String name, Path root, String slug) implements Target {}

  /**
   * The decision.
   *
   * @param project the project as it is after the decision ({@code registeredPosition} 0 when new)
   * @param projectEvent {@code ProjectRegistered} (new), {@code ProjectUpdated} (changed), or empty
   * @param bound the binding of the calling session
   */
  public record Decision(
      Project project, boolean created, Optional<ScribeEvent> projectEvent, ProjectBound bound) {
    public Decision {
      requireNonNull(project, "project");
      requireNonNull(projectEvent, "projectEvent");
      requireNonNull(bound, "bound");
    }

    /** True when the registered fields changed (an update of an existing project). */
    public boolean updated() {
      return projectEvent.isPresent() && !created;
    }
  }

  /**
   * Validates the name (and the root of a new project) and looks the project up.
   *
   * @throws DomainException {@code invalid_argument} for a bad name or root, a missing root for a
   *     new project; {@code conflict} for a root that differs from the registered one
   */
  public static Target target(Command cmd, ProjectRegistry registry) {
    String name = name(cmd.name());
    Optional<Project> existing = registry.find(name);
    if (existing.isPresent()) {
      Project p = existing.get();
      if (cmd.root() != null && !ProjectPaths.root(cmd.root()).toString().equals(p.root())) {
        throw new DomainException(
            Codes.CONFLICT,
            "Project '" + name + "' is registered with root '" + p.root() + "', not '"
                + cmd.root() + "'. Call set_project without root (or with that root), or"
                + " use another name.");
      }
      return new Existing(p);
    }
    if (cmd.root() == null) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT,
          "Project '" + name + "' is not registered yet: give 'root', the absolute path of its"
              + " repository.");
    }
    return new Fresh(name, ProjectPaths.root(cmd.root()), Slugs.docsSlug(name));
  }

  /**
   * Decides. {@code docsDir} is required when {@link #target} said {@link Fresh} (the resolved
   * docs directory: {@code .scribe/docs/dev_plans/<slug>} or the legacy one) and ignored otherwise.
   *
   * @throws DomainException as {@link #target}; {@code invalid_argument} with {@value
   *     ProjectPaths#LOG_OUTSIDE_ROOT}; {@code conflict} when the progress log or the docs
   *     directory belongs to another project, or an existing project's progress log differs
   */
  public static Decision decide(
      Command cmd, ProjectRegistry registry, @Nullable Path docsDir, Instant now) {
    Target target = target(cmd, registry);
    if (target instanceof Existing e) return decideExisting(cmd, e.project(), now);
    Fresh f = (Fresh) target;
    if (docsDir == null) throw new IllegalArgumentException("a new project needs its docs directory");
    Path docs = docsDir.normalize();
    Path log =
        cmd.progressLog() == null
            ? ProjectPaths.defaultProgressLog(docs)
            : ProjectPaths.progressLog(f.root(), cmd.progressLog());
    if (!log.startsWith(f.root())) {
      throw new DomainException(Codes.INVALID_ARGUMENT, ProjectPaths.LOG_OUTSIDE_ROOT);
    }
    registry
        .ownerOfDocsDir(docs.toString())
        .ifPresent(
            o -> {
              throw new DomainException(
                  Codes.CONFLICT,
                  "Docs directory '" + docs + "' already belongs to project '" + o.name() + "'.");
            });
    registry
        .ownerOfProgressLog(log.toString())
        .ifPresent(
            o -> {
              throw new DomainException(
                  Codes.CONFLICT,
                  "Progress log '" + log + "' already belongs to project '" + o.name() + "'.");
            });
    Map<String, String> defaults = cmd.defaults() == null ? Map.of() : cmd.defaults();
    String author = author(cmd.author(), defaults);
    List<String> tags = cmd.tags() == null ? List.of() : cmd.tags();
    Project project =
        new Project(
            f.name(), f.slug(), f.root().toString(), docs.toString(), log.toString(),
            new TreeMap<>(defaults), author, cmd.description(), tags, now, now, 0);
    ProjectRegistered registered =
        new ProjectRegistered(
            project.name(), project.slug(), project.root(), project.docsDir(),
            project.progressLog(), project.defaults(), author, cmd.description(), tags);
    return new Decision(
        project, true, Optional.of(registered), new ProjectBound(cmd.sessionId(), f.name()));
  }

  private static Decision decideExisting(Command cmd, Project p, Instant now) {
    if (cmd.progressLog() != null) {
      Path log = ProjectPaths.progressLog(Path.of(p.root()), cmd.progressLog());
      if (!log.toString().equals(p.progressLog())) {
        throw new DomainException(
            Codes.CONFLICT,
            "Project '" + p.name() + "' is registered with progress log '" + p.progressLog()
                + "', not '" + log + "'. Paths of a registered project never change.");
      }
    }
    TreeMap<String, String> defaults =
        cmd.defaults() == null ? new TreeMap<>(p.defaults()) : new TreeMap<>(cmd.defaults());
    String author = cmd.author() != null ? author(cmd.author(), defaults) : p.author();
    String description = cmd.description() != null ? cmd.description() : p.description();
    List<String> tags = cmd.tags() != null ? cmd.tags() : p.tags();
    boolean changed =
        !defaults.equals(p.defaults())
            || !author.equals(p.author())
            || !Objects.equals(description, p.description())
            || !tags.equals(p.tags());
    ProjectBound bound = new ProjectBound(cmd.sessionId(), p.name());
    if (!changed) return new Decision(p, false, Optional.empty(), bound);
    Project after =
        new Project(
            p.name(), p.slug(), p.root(), p.docsDir(), p.progressLog(), defaults, author,
            description, tags, p.registeredAt(), now, p.registeredPosition());
    return new Decision(
        after,
        false,
        Optional.of(new ProjectUpdated(p.name(), defaults, author, description, tags)),
        bound);
  }

  /** The author: given, else the default agent, else {@value Agents#DEFAULT}. */
  private static String author(@Nullable String given, Map<String, String> defaults) {
    if (given != null && !given.isBlank()) return given.trim();
    for (String k : List.of("agent", "default_agent")) {
      String v = defaults.get(k);
      if (v != null && !v.isBlank()) return v.trim();
    }
    return Agents.DEFAULT;
  }

  /**
   * A project name: trimmed, 1 to 200 characters, none of {@code [ ] |} or control characters
   * (they would break the {@code [Project: …]} segment of every log line).
   */
  public static String name(String raw) {
    String n = raw.trim();
    if (n.isEmpty()) {
      throw new DomainException(Codes.INVALID_ARGUMENT, "Invalid name: a project name is required.");
    }
    if (n.length() > MAX_NAME_LENGTH) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT,
          "Invalid name: at most " + MAX_NAME_LENGTH + " characters (got " + n.length() + ").");
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '[' || c == ']' || c == '|' || Character.isISOControl(c)) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Invalid name '" + n + "': it must not contain '[', ']', '|' or control characters.");
      }
    }
    return n;
  }
}
