package dev.scribe.domain.project;

import java.util.Collection;
import java.util.Optional;

/**
 * What deciders read about the live projects. Implemented by the registry view; paths are
 * compared in their normalised absolute form.
 */
public interface ProjectRegistry {

  /** The version of the {@code projects} stream this registry reflects (0: nothing yet). */
  long version();

  /** The live project with this exact name. */
  Optional<Project> find(String name);

  /** The live project whose progress log is {@code path}. */
  Optional<Project> ownerOfProgressLog(String path);

  /** The live project whose docs directory is {@code path}. */
  Optional<Project> ownerOfDocsDir(String path);

  /** Every live project, in no particular order. */
  Collection<Project> all();
}
