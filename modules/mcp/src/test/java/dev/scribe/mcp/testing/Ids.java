package dev.scribe.mcp.testing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Deterministic id sources: {@code prefix-1}, {@code prefix-2}, ... */
public final class Ids implements Supplier<String> {
  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  public Ids(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String get() {
    return prefix + "-" + next.incrementAndGet();
  }
}
