package dev.scribe.eventlog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Appends batches. Thread-safe: any number of threads may append concurrently. */
public interface AppendEvents {

  /**
   * Appends a batch atomically. The future completes once the batch is durable under the log's
   * fsync policy, or exceptionally with {@link ExpectedVersionMismatchException}, {@link
   * DuplicateAppendException}, {@link EventLogStorageException} or {@link
   * EventLogClosedException}; a failed batch wrote nothing a reader can see.
   */
  CompletableFuture<AppendResult> appendAsync(AppendRequest request);

  /**
   * {@link #appendAsync(AppendRequest)}, completing when {@code when} says. A log that writes and
   * syncs in one step (or keeps events in memory) may treat both the same, as this default does.
   */
  default CompletableFuture<AppendResult> appendAsync(
      AppendRequest request, Acknowledgement when) {
    return appendAsync(request);
  }

  /** {@link #appendAsync} and wait; the log's own exceptions are rethrown as they are. */
  default AppendResult append(AppendRequest request) {
    try {
      return appendAsync(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventLogException("Interrupted while waiting for an append", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new EventLogException("Append failed", cause);
    }
  }
}
