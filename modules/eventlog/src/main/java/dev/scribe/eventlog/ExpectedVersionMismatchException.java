package dev.scribe.eventlog;

/** An append's expected stream version did not hold; nothing of the batch was written. */
public final class ExpectedVersionMismatchException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final transient ExpectedVersion expected;
  private final long actual;

  public ExpectedVersionMismatchException(String stream, ExpectedVersion expected, long actual) {
    super(
        "Stream '" + stream + "' was expected at version " + expected + " but is at " + actual);
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
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
}
