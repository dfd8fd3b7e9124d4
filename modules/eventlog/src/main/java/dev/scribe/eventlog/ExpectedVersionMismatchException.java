package dev.scribe.eventlog;

/** An append's expected stream version did not hold; nothing of the batch was written. */
public final class ExpectedVersionMismatchException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final transient ExpectedVersion expected;
  private final long actual;
  private final long logPosition;

  /**
   * @param logPosition the position of the last event the log had written when the check failed:
   *     a reader that has caught up with it sees the stream at {@code actual} (the log may have
   *     written events it has not acknowledged yet, so a reader at the acknowledged position may
   *     still see an older version)
   */
  public ExpectedVersionMismatchException(
      String stream, ExpectedVersion expected, long actual, long logPosition) {
    super(
        "Stream '" + stream + "' was expected at version " + expected + " but is at " + actual);
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
    this.logPosition = logPosition;
  }

  public String stream() {
    return stream;
  }

  public ExpectedVersion expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }

  /** Where a reader must have caught up to see the version that beat the expectation. */
  public long logPosition() {
    return logPosition;
  }
}
