package dev.scribe.eventlog;

/**
 * What an append expects a stream's version to be. A stream's version is the number of events in
 * it: 0 for a stream that does not exist yet, and an event's stream version is its 1-based place.
 */
public sealed interface ExpectedVersion {

  /** No expectation. */
  static ExpectedVersion any() {
    return Any.INSTANCE;
  }

  /** The stream must not exist yet (version 0). */
  static ExpectedVersion noStream() {
    return new Exactly(0);
  }

  /** The stream must be at exactly this version. */
  static ExpectedVersion exactly(long version) {
    return new Exactly(version);
  }

  /** Whether a stream at {@code actual} satisfies this expectation. */
  boolean isSatisfiedBy(long actual);

  /** No expectation. */
  enum Any implements ExpectedVersion {
    INSTANCE;

    @Override
    public boolean isSatisfiedBy(long actual) {
      return true;
    }

    @Override
    public String toString() {
      return "any";
    }
  }

  /** The stream must be at exactly {@code version}. */
  record Exactly(long version) implements ExpectedVersion {
    public Exactly {
      if (version < 0) throw new IllegalArgumentException("version must be >= 0: " + version);
    }

    @Override
    public boolean isSatisfiedBy(long actual) {
      return actual == version;
    }

    @Override
    public String toString() {
      return version == 0 ? "no stream (0)" : Long.toString(version);
    }
  }
}
