package dev.scribe.projections.markdown;

import java.io.IOException;
import java.util.Optional;

/**
 * The file operations the Markdown view needs, so the same rendering runs on disk (the server)
 * and in memory ({@code scribe export --format markdown}, tests). Paths are absolute, normalised
 * strings. Not thread-safe: the view calls it under its own lock.
 */
public interface LogFiles {

  boolean exists(String path) throws IOException;

  /** Whether the file at {@code path} carries the view's marker in its first lines. */
  boolean isOurs(String path) throws IOException;

  /**
   * Moves a file the view did not write out of the way, once: to {@code <stem>.pre-scribe.md}
   * (or {@code <stem>.pre-scribe-2.md}, … if taken).
   *
   * @return where it went
   */
  String moveAside(String path) throws IOException;

  /** Creates or truncates {@code path} (and its parent directories) with {@code content}. */
  void write(String path, byte[] content) throws IOException;

  /** Writes {@code bytes} at {@code position} (the file's end as the view knows it). */
  void writeAt(String path, long position, byte[] bytes) throws IOException;

  /** Renames {@code from} to {@code to}, replacing a file there. */
  void rename(String from, String to) throws IOException;

  /**
   * Moves the file or directory {@code from} to {@code to}. When {@code to} exists, the files under
   * {@code from} are moved into it one by one (replacing files of the same name) and the emptied
   * directories of {@code from} removed. Nothing happens when {@code from} does not exist.
   */
  void moveTree(String from, String to) throws IOException;

  /** Deletes the file or directory {@code path} with everything under it, if it exists. */
  void deleteTree(String path) throws IOException;

  /** Removes directory {@code path} if it exists and is empty. */
  void removeIfEmpty(String path) throws IOException;

  /** The first {@code length} bytes of {@code path}; empty if it is missing or shorter. */
  Optional<byte[]> readPrefix(String path, long length) throws IOException;

  /** The whole file; empty if it is missing. */
  Optional<byte[]> read(String path) throws IOException;

  /** Cuts {@code path} to {@code size} bytes. */
  void truncate(String path, long size) throws IOException;

  /** Makes every write, creation and rename so far durable. */
  void sync() throws IOException;

  /** Releases open handles. */
  void closeAll() throws IOException;
}
