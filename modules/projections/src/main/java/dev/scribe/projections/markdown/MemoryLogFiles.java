package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link LogFiles} in memory: for {@code scribe export --format markdown}, which prints a project's
 * rendered logs without touching its repository, and for tests. Starts empty.
 */
public final class MemoryLogFiles implements LogFiles {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  /** Every file by path, sorted. */
  public SortedMap<String, byte[]> files() {
    return Collections.unmodifiableSortedMap(files);
  }

  /** Adds a file as if someone else had written it (tests). */
  public void put(String path, String content) {
    files.put(path, content.getBytes(UTF_8));
  }

  @Override
  public boolean exists(String path) {
    return files.containsKey(path);
  }

  @Override
  public boolean isOurs(String path) {
    byte[] b = files.get(path);
    if (b == null) return false;
    String[] lines = new String(b, 0, Math.min(b.length, 4096), UTF_8).split("\n", 13);
    return LogTemplates.hasMarker(Arrays.asList(lines).subList(0, Math.min(lines.length, 12)));
  }

  @Override
  public String moveAside(String path) {
    String stem = path.endsWith(".md") ? path.substring(0, path.length() - 3) : path;
    String target = stem + ".pre-scribe.md";
    for (int i = 2; files.containsKey(target); i++) target = stem + ".pre-scribe-" + i + ".md";
    files.put(target, files.remove(path));
    return target;
  }

  @Override
  public void write(String path, byte[] content) {
    files.put(path, content.clone());
  }

  @Override
  public void writeAt(String path, long position, byte[] bytes) {
    byte[] old = files.getOrDefault(path, new byte[0]);
    int end = (int) position + bytes.length;
    byte[] b = Arrays.copyOf(old, Math.max(old.length, end));
    System.arraycopy(bytes, 0, b, (int) position, bytes.length);
    files.put(path, b);
  }

  @Override
  public void rename(String from, String to) {
    byte[] b = files.remove(from);
    if (b == null) throw new IllegalStateException("no file " + from);
    files.put(to, b);
  }

  @Override
  public void moveTree(String from, String to) {
    for (String k : new java.util.ArrayList<>(files.keySet())) {
      if (k.equals(from)) files.put(to, files.remove(k));
      else if (k.startsWith(from + "/")) files.put(to + k.substring(from.length()), files.remove(k));
    }
  }

  @Override
  public void deleteTree(String path) {
    files.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "/"));
  }

  @Override
  public void removeIfEmpty(String path) {
    // Memory has no directories: an "empty directory" is simply no file under the path.
  }

  @Override
  public Optional<byte[]> readPrefix(String path, long length) {
    byte[] b = files.get(path);
    return b == null || b.length < length ? Optional.empty() : Optional.of(Arrays.copyOf(b, (int) length));
  }

  @Override
  public Optional<byte[]> read(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  @Override
  public void truncate(String path, long size) {
    byte[] b = files.get(path);
    if (b != null && b.length > size) files.put(path, Arrays.copyOf(b, (int) size));
  }

  @Override
  public void sync() {}

  @Override
  public void closeAll() {}
}
