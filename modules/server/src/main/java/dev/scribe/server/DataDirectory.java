package dev.scribe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A Scribe data directory and the exclusive lock of the one process that uses it.
 *
 * <pre>
 * DIR/server.lock    held (OS file lock) by the process using DIR; holds its pid
 * DIR/server.json    written by a running server: pid, host, ports (see {@link ServerInfo})
 * DIR/server.token   the bearer token of a running server that has one (mode 0600)
 * DIR/log/           the event log (Chronicle Queue)
 * DIR/projections/   projection checkpoints, one directory per projection
 * DIR/search/        the Lucene index
 * </pre>
 *
 * Several processes never share a data directory: the server, and the operator tools that change
 * or read its files, each take the lock first and refuse to run when another process holds it.
 */
public final class DataDirectory implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates {@code dir} if needed and takes its lock.
   *
   * @throws DataDirectoryInUseException when another process holds it
   */
  public static DataDirectory lock(Path dir, long pid) {
    try {
      Path root = dir.toAbsolutePath().normalize();
      Files.createDirectories(root);
      FileChannel ch =
          FileChannel.open(
              root.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.READ);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new DataDirectoryInUseException(root, holderPid(root));
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      ch.force(true);
      return new DataDirectory(root, ch, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The pid written by the process holding {@code dir}'s lock, if readable. */
  public static Optional<Long> holderPid(Path dir) {
    try {
      String s = Files.readString(dir.resolve("server.lock"), StandardCharsets.US_ASCII).trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Path root() {
    return root;
  }

  public Path logDir() {
    return root.resolve("log");
  }

  public Path projectionsDir() {
    return root.resolve("projections");
  }

  public Path searchDir() {
    return root.resolve("search");
  }

  /** Publishes how to reach the running server (atomically, for readers polling the file). */
  public void writeServerInfo(ServerInfo info) {
    writeAtomically(root.resolve("server.json"), JSON.valueToTree(info).toString() + "\n");
  }

  /** Stores the bearer token where only this user can read it. */
  public void writeToken(String token) {
    Path file = root.resolve("server.token");
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running server's published info, if any. */
  public static Optional<ServerInfo> readServerInfo(Path dir) {
    Path file = dir.resolve("server.json");
    try {
      return Files.exists(file)
          ? Optional.of(JSON.readValue(file.toFile(), ServerInfo.class))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The running server's token, if it has one. */
  public static Optional<String> readToken(Path dir) {
    try {
      Path f = dir.resolve("server.token");
      return Files.exists(f) ? Optional.of(Files.readString(f).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes the published info and token and releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(root.resolve("server.json"));
      Files.deleteIfExists(root.resolve("server.token"));
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeAtomically(Path target, String content) {
    try {
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
