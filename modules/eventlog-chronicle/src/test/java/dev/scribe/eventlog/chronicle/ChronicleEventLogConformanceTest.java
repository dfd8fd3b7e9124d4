package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.tck.EventLogConformance;
import dev.scribe.eventlog.tck.EventLogFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;

class ChronicleEventLogConformanceTest extends EventLogConformance {
  @TempDir Path directory;

  @Override
  protected EventLogFixture newFixture() {
    ChronicleLogConfig config = ChronicleLogConfig.defaults(directory.resolve("log"));
    return new EventLogFixture() {
      @Override
      public EventLog open(Clock clock, Supplier<String> eventIds) {
        return ChronicleEventLog.open(config, clock, eventIds);
      }

      @Override
      public void close() {}
    };
  }
}
