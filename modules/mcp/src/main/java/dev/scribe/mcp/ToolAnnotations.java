package dev.scribe.mcp;

/**
 * Behaviour hints published with a tool. Clients treat them as untrusted hints. The server trusts
 * its own declaration of {@link #readOnly} in one place: the audit record of a read-only call need
 * not be on disk before the answer leaves ({@link SessionObserver#toolInvoked}).
 */
public record ToolAnnotations(
    boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

  /** Reads only; calling it twice is harmless. */
  public static ToolAnnotations forReads() {
    return new ToolAnnotations(true, false, true, false);
  }

  /** Appends or changes state; not destructive of earlier data. */
  public static ToolAnnotations forAppends(boolean idempotent) {
    return new ToolAnnotations(false, false, idempotent, false);
  }

  /** Removes or overwrites state. */
  public static ToolAnnotations forDestructive(boolean idempotent) {
    return new ToolAnnotations(false, true, idempotent, false);
  }
}
