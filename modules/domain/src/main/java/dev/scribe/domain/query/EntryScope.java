package dev.scribe.domain.query;

import static java.util.Objects.requireNonNull;

/**
 * Whose entries a query reads. A session's own project ({@link Project}) or every project ({@link
 * AllProjects}; each entry carries its project). New scopes (e.g. sentinel events) are further
 * permitted records; a {@code switch} over the kinds fails to compile until they are handled.
 */
public sealed interface EntryScope permits EntryScope.Project, EntryScope.AllProjects {

  /** The wire name of {@code search_scope}. */
  String wireName();

  /** Whether an entry of {@code project} is in scope. */
  boolean includes(String project);

  /** Entries of one project. */
  record Project(String name) implements EntryScope {
    public Project {
      requireNonNull(name, "name");
    }

    @Override
    public String wireName() {
      return "project";
    }

    @Override
    public boolean includes(String project) {
      return name.equals(project);
    }
  }

  /** Entries of every project, each tagged with its project. */
  record AllProjects() implements EntryScope {
    @Override
    public String wireName() {
      return "all_projects";
    }

    @Override
    public boolean includes(String project) {
      return true;
    }
  }

  static EntryScope project(String name) {
    return new Project(name);
  }

  static EntryScope allProjects() {
    return new AllProjects();
  }
}
