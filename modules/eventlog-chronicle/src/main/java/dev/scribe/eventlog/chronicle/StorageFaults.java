package dev.scribe.eventlog.chronicle;

import java.io.IOException;

/**
 * A test seam: lets tests make the writer's next document write or sync fail the way a full or
 * broken disk would. Production code uses {@link #NONE}. {@link #duringWrite} is called on the
 * writer thread; {@link #beforeSync} on the thread that syncs (the writer's, or under {@code batch}
 * the background sync's).
 */
public interface StorageFaults {

  /** Injects nothing. */
  StorageFaults NONE = new StorageFaults() {};

  /**
   * Called after a batch's bytes were put into its Chronicle document but before the document is
   * committed; throwing makes the write fail (the document is rolled back).
   */
  default void duringWrite(long firstPosition) throws IOException {}

  /** Called right before a sync; throwing makes the sync fail. */
  default void beforeSync() throws IOException {}
}
