package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.projections.DurableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogFiles} on the real file system. Keeps a few channels open (the files being appended
 * to) and remembers what it changed, so {@link #sync} fsyncs exactly those files and directories.
 */
public final class DiskLogFiles implements LogFiles {
  private static final Logger LOG = LoggerFactory.getLogger(DiskLogFiles.class);
  private static final int MAX_OPEN = 32;
  private static final int MARKER_BYTES = 4096;
  private static final int MARKER_LINES = 12;

  private final Map<String, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<String> dirtyFiles = new HashSet<>();
  private final Set<Path> dirtyDirs = new HashSet<>();

  @Override
  public boolean exists(String path) {
    return Files.exists(Path.of(path));
  }

  @Override
  public boolean isOurs(String path) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      head = in.readNBytes(MARKER_BYTES);
    } catch (NoSuchFileException e) {
      return false;
    }
    String[] lines = new String(head, UTF_8).split("\n", MARKER_LINES + 1);
    return LogTemplates.hasMarker(Arrays.asList(lines).subList(0, Math.min(lines.length, MARKER_LINES)));
  }

  @Override
  public String moveAside(String path) throws IOException {
    close(path);
    Path p = Path.of(path);
    String name = p.getFileName().toString();
    String stem = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    Path target = p.resolveSibling(stem + ".pre-scribe.md");
    for (int i = 2; Files.exists(target); i++) target = p.resolveSibling(stem + ".pre-scribe-" + i + ".md");
    move(p, target, false);
    LOG.warn("Moved {} aside to {}: Scribe did not write it and renders its view there", p, target);
    return target.toString();
  }

  @Override
  public void write(String path, byte[] content) throws IOException {
    Path p = Path.of(path);
    Path dir = p.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      createDirectories(dir);
    }
    FileChannel ch = channel(path, true);
    ch.truncate(0);
    writeFully(ch, 0, content);
    dirtyFiles.add(path);
    if (dir != null) dirtyDirs.add(dir);
  }

  @Override
  public void writeAt(String path, long position, byte[] bytes) throws IOException {
    FileChannel ch = channel(path, false);
    writeFully(ch, position, bytes);
    dirtyFiles.add(path);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    close(from);
    close(to);
    move(Path.of(from), Path.of(to), true);
  }

  @Override
  public void moveTree(String from, String to) throws IOException {
    Path src = Path.of(from);
    Path dst = Path.of(to);
    if (!Files.exists(src)) return;
    closeUnder(from);
    if (!Files.exists(dst)) {
      move(src, dst, false);
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(src)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Path target = dst.resolve(src.relativize(p).toString());
      if (Files.isDirectory(p)) {
        try (Stream<Path> left = Files.list(p)) {
          if (left.findAny().isEmpty()) Files.delete(p);
        }
        if (p.getParent() != null) dirtyDirs.add(p.getParent());
      } else {
        move(p, target, true);
      }
    }
  }

  @Override
  public void deleteTree(String path) throws IOException {
    Path root = Path.of(path);
    if (!Files.exists(root)) return;
    closeUnder(path);
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) Files.delete(p);
    if (root.getParent() != null) dirtyDirs.add(root.getParent());
  }

  @Override
  public void removeIfEmpty(String path) throws IOException {
    Path dir = Path.of(path);
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) return;
    }
    Files.delete(dir);
    if (dir.getParent() != null) dirtyDirs.add(dir.getParent());
  }

  private void closeUnder(String path) throws IOException {
    for (String f : new ArrayList<>(open.keySet())) {
      if (f.equals(path) || f.startsWith(path + "/")) close(f);
    }
    dirtyFiles.removeIf(f -> f.equals(path) || f.startsWith(path + "/"));
  }

  @Override
  public Optional<byte[]> readPrefix(String path, long length) throws IOException {
    if (length > Integer.MAX_VALUE - 16) return Optional.empty();
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      byte[] b = in.readNBytes((int) length);
      return b.length == length ? Optional.of(b) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(Path.of(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void truncate(String path, long size) throws IOException {
    FileChannel ch = channel(path, false);
    if (ch.size() > size) {
      ch.truncate(size);
      dirtyFiles.add(path);
    }
  }

  @Override
  public void sync() throws IOException {
    for (String f : dirtyFiles) {
      FileChannel ch = open.get(f);
      if (ch != null) {
        ch.force(true);
      } else if (Files.exists(Path.of(f))) {
        try (FileChannel c = FileChannel.open(Path.of(f), StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
    dirtyFiles.clear();
    for (Path d : dirtyDirs) {
      if (Files.isDirectory(d)) DurableFiles.fsyncDirectory(d);
    }
    dirtyDirs.clear();
  }

  @Override
  public void closeAll() throws IOException {
    IOException first = null;
    for (FileChannel ch : open.values()) {
      try {
        ch.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    open.clear();
    if (first != null) throw first;
  }

  private FileChannel channel(String path, boolean create) throws IOException {
    FileChannel ch = open.get(path);
    if (ch != null && ch.isOpen()) return ch;
    ch =
        create
            ? FileChannel.open(
                Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)
            : FileChannel.open(Path.of(path), StandardOpenOption.WRITE, StandardOpenOption.READ);
    open.put(path, ch);
    if (open.size() > MAX_OPEN) {
      Iterator<Map.Entry<String, FileChannel>> it = open.entrySet().iterator();
      Map.Entry<String, FileChannel> eldest = it.next();
      // Its writes must still reach the disk at the next sync: sync reopens it then.
      eldest.getValue().close();
      it.remove();
    }
    return ch;
  }

  private void close(String path) throws IOException {
    FileChannel ch = open.remove(path);
    if (ch != null) {
      if (dirtyFiles.remove(path)) ch.force(true);
      ch.close();
    }
  }

  private void move(Path from, Path to, boolean replace) throws IOException {
    Path dir = to.getParent();
    if (dir != null && !Files.isDirectory(dir)) createDirectories(dir);
    try {
      if (replace) {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("The file system cannot rename " + from + " to " + to + " atomically", e);
    }
    if (from.getParent() != null) dirtyDirs.add(from.getParent());
    if (dir != null) dirtyDirs.add(dir);
  }

  private void createDirectories(Path dir) throws IOException {
    Path firstMissing = dir;
    while (firstMissing.getParent() != null && !Files.exists(firstMissing.getParent())) {
      firstMissing = firstMissing.getParent();
    }
    Files.createDirectories(dir);
    // A new directory's entry lives in its parent: fsync every new one and the parent of the first.
    Path stop = firstMissing.getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      dirtyDirs.add(d);
      if (d.equals(stop)) break;
    }
  }

  private static void writeFully(FileChannel ch, long position, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = position;
    while (buf.hasRemaining()) pos += ch.write(buf, pos);
  }
}
