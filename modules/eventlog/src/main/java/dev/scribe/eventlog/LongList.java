package dev.scribe.eventlog;

import java.util.Arrays;

/** A growable list of primitive longs (positions), to keep per-stream indexes compact. */
public final class LongList {
  private long[] values = new long[4];
  private int size;

  public void add(long v) {
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size++] = v;
  }

  public long get(int i) {
    if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
    return values[i];
  }

  public int size() {
    return size;
  }

  /** Drops every value from index {@code newSize} on. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) throw new IndexOutOfBoundsException(newSize);
    size = newSize;
  }
}
