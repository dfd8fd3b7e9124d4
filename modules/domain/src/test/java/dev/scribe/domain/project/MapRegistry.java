package dev.scribe.domain.project;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A registry over a map, for decider tests. */
final class MapRegistry implements ProjectRegistry {
  private final Map<String, Project> byName = new LinkedHashMap<>();
  private long version;

  MapRegistry with(Project p) {
    byName.put(p.name(), p);
    version++;
    return this;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public Optional<Project> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public Optional<Project> ownerOfProgressLog(String path) {
    return byName.values().stream().filter(p -> p.progressLog().equals(path)).findFirst();
  }

  @Override
  public Optional<Project> ownerOfDocsDir(String path) {
    return byName.values().stream().filter(p -> p.docsDir().equals(path)).findFirst();
  }

  @Override
  public Collection<Project> all() {
    return byName.values();
  }
}
