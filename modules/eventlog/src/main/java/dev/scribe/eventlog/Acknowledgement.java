package dev.scribe.eventlog;

/**
 * When an append's future completes. Either way, readers see the batch only once it is durable
 * under the log's fsync policy, and the log keeps its order: a batch acknowledged {@link #DURABLE}
 * makes every batch written before it durable too.
 */
public enum Acknowledgement {
  /** Once the batch is durable under the log's fsync policy: nothing acknowledged is lost. */
  DURABLE,

  /**
   * Once the batch is written, in log order, to the log's files, before the group's fsync. The
   * fsync follows at once (under {@code batch}); until it ends, a crash of the machine (not of the
   * process: the bytes are in the page cache) or a failed fsync can still lose the batch. For
   * records whose loss costs no acknowledged state, such as the audit record of a read-only tool
   * call, whose answer should not wait for the disk.
   */
  WRITTEN
}
