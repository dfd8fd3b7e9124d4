package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A known project's descriptive fields changed (a later {@code set_project} with new defaults,
 * author, description or tags). Paths never change. Stream: {@code projects}.
 */
public record ProjectUpdated(
    String name,
    Map<String, String> defaults,
    String author,
    @Nullable String description,
    List<String> tags)
    implements ScribeEvent {
  public ProjectUpdated {
    requireNonNull(name, "name");
    defaults = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(defaults, "defaults")));
    requireNonNull(author, "author");
    tags = List.copyOf(requireNonNull(tags, "tags"));
  }
}
