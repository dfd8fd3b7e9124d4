package dev.scribe.projections;

/**
 * A caller waited on a projection that has failed: its state will not advance until it is rebuilt
 * or restarted, so the caller must not serve it as current.
 */
public final class ProjectionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ProjectionStatus status;

  public ProjectionFailedException(ProjectionStatus status) {
    super(message(status));
    this.status = status;
  }

  public ProjectionStatus status() {
    return status;
  }

  private static String message(ProjectionStatus s) {
    return s.failureIfAny()
        .map(
            f ->
                "Projection '"
                    + s.name()
                    + "' failed ("
                    + f.stage()
                    + " at position "
                    + f.position()
                    + ": "
                    + f.error()
                    + ")")
        .orElse("Projection '" + s.name() + "' is " + s.state());
  }
}
