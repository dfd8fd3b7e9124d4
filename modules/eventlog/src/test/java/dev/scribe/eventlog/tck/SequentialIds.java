package dev.scribe.eventlog.tck;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Deterministic ids {@code <prefix>-000001}, {@code <prefix>-000002}, … for tests. */
public final class SequentialIds implements Supplier<String> {
  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  public SequentialIds(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String get() {
    return String.format("%s-%06d", prefix, next.incrementAndGet());
  }
}
