package dev.scribe.server.ops;

import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import dev.scribe.server.DataDirectory;
import dev.scribe.server.RandomIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A data directory opened by an operator tool: its lock and its log. The tools only read, except
 * {@code import}, so the system clock and random ids here only matter for imports.
 */
final class OfflineData implements AutoCloseable {
  final DataDirectory data;
  final ChronicleEventLog log;
  final EventCodec codec = new EventCodec();

  private OfflineData(DataDirectory data, ChronicleEventLog log) {
    this.data = data;
    this.log = log;
  }

  /**
   * Locks {@code dir} and opens its log.
   *
   * @throws dev.scribe.server.DataDirectoryInUseException when a server runs on it
   * @throws IllegalArgumentException when {@code dir} holds no Scribe log
   */
  static OfflineData open(Path dir, boolean mustExist) {
    if (mustExist && !Files.isDirectory(dir.resolve("log"))) {
      throw new IllegalArgumentException(
          dir.toAbsolutePath() + " is not a Scribe data directory (no log/ in it)");
    }
    DataDirectory data = DataDirectory.lock(dir, ProcessHandle.current().pid());
    try {
      ChronicleEventLog log =
          ChronicleEventLog.open(
              ChronicleLogConfig.defaults(data.logDir()), Clock.systemUTC(), new RandomIds());
      return new OfflineData(data, log);
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      log.close();
    } finally {
      data.close();
    }
  }
}
