package dev.scribe.eventlog.chronicle;

import java.time.Clock;
import net.openhft.chronicle.core.time.TimeProvider;

/**
 * Chronicle picks the file (cycle) to write from a time provider; this one reads the injected
 * clock, so the log reads no other wall clock. It never goes back: a clock that was set back (or
 * a fixed test clock behind the newest file) keeps writing to the newest cycle instead of
 * reopening an older file.
 */
final class MonotonicTime implements TimeProvider {
  private final Clock clock;
  private long last;

  MonotonicTime(Clock clock) {
    this.clock = clock;
  }

  /** Never report a time before {@code millis} (the start of the newest existing cycle). */
  synchronized void floor(long millis) {
    if (millis > last) last = millis;
  }

  @Override
  public synchronized long currentTimeMillis() {
    long now = clock.millis();
    if (now > last) last = now;
    return last;
  }
}
