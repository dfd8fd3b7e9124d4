package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A project became known. Stream: {@code projects} (one stream, so name and log-path uniqueness
 * are decided with one expected version).
 *
 * @param slug the docs directory name (lower case, {@code _} separated)
 * @param root the project's repository root (absolute)
 * @param docsDir where the project's Markdown documents live
 * @param progressLog the project's PROGRESS_LOG.md
 * @param defaults project defaults such as {@code emoji} and {@code agent}, sorted by key
 */
public record ProjectRegistered(
    String name,
    String slug,
    String root,
    String docsDir,
    String progressLog,
    Map<String, String> defaults,
    String author,
    @Nullable String description,
    List<String> tags)
    implements ScribeEvent {
  public ProjectRegistered {
    requireNonNull(name, "name");
    requireNonNull(slug, "slug");
    requireNonNull(root, "root");
    requireNonNull(docsDir, "docsDir");
    requireNonNull(progressLog, "progressLog");
    defaults = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(defaults, "defaults")));
    requireNonNull(author, "author");
    tags = List.copyOf(requireNonNull(tags, "tags"));
  }
}
