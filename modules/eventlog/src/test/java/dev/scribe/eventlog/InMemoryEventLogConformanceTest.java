package dev.scribe.eventlog;

import dev.scribe.eventlog.tck.EventLogConformance;
import dev.scribe.eventlog.tck.EventLogFixture;
import java.time.Clock;
import java.util.function.Supplier;

class InMemoryEventLogConformanceTest extends EventLogConformance {
  @Override
  protected EventLogFixture newFixture() {
    InMemoryEventLog.Storage storage = new InMemoryEventLog.Storage();
    return new EventLogFixture() {
      @Override
      public EventLog open(Clock clock, Supplier<String> eventIds) {
        return InMemoryEventLog.open(storage, clock, eventIds);
      }

      @Override
      public void close() {}
    };
  }
}
