package dev.scribe.tools;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends the events one tool call decided, as one atomic batch tagged with the call's session
 * and execution ids. Storage failures become a {@code storage_error} tool error (nothing was
 * acknowledged); version conflicts and duplicates are rethrown for the caller to handle.
 *
 * <p>A version conflict is rethrown only once the log has acknowledged the batch that won (up to
 * {@link ExpectedVersionMismatchException#logPosition}), or after {@link #CONFLICT_WAIT}. The log
 * checks expectations against everything it has written, and the winner may still wait for its
 * fsync: a caller that retried at once would read views that cannot show it yet, decide the same,
 * and lose again. Every retry loop reads views that follow acknowledged events, so waiting here
 * is enough for all of them.
 */
public final class EventWriter {
  static final Duration CONFLICT_WAIT = Duration.ofSeconds(10);

  private final AppendEvents log;
  private final ReadAll reads;
  private final EventCodec codec;

  EventWriter(AppendEvents log, ReadAll reads, EventCodec codec) {
    this.log = log;
    this.reads = reads;
    this.codec = codec;
  }

  /** A batch being built: events in order, with the stream each goes to. */
  public static final class Batch {
    private final List<Map.Entry<String, ScribeEvent>> events = new ArrayList<>();
    private final Map<String, ExpectedVersion> expected = new LinkedHashMap<>();
    private Optional<String> idempotencyKey = Optional.empty();

    public Batch add(String stream, ScribeEvent event) {
      events.add(Map.entry(stream, event));
      return this;
    }

    public Batch expect(String stream, ExpectedVersion version) {
      expected.put(stream, version);
      return this;
    }

    public Batch idempotencyKey(String key) {
      idempotencyKey = Optional.of(key);
      return this;
    }

    public boolean isEmpty() {
      return events.isEmpty();
    }

    public int size() {
      return events.size();
    }
  }

  public static Batch batch() {
    return new Batch();
  }

  /**
   * Appends {@code batch} for {@code call} and waits until it is durable.
   *
   * @throws dev.scribe.eventlog.ExpectedVersionMismatchException when an expectation failed
   * @throws dev.scribe.eventlog.DuplicateAppendException when the idempotency key was used
   * @throws ToolException {@code storage_error} when storage failed (nothing acknowledged)
   */
  public AppendResult append(ToolCall call, Batch batch) {
    return append(call.sessionId(), call.executionId(), batch);
  }

  /** As {@link #append(ToolCall, Batch)}, for a session and execution given directly. */
  public AppendResult append(String sessionId, String executionId, Batch batch) {
    if (batch.isEmpty()) throw new IllegalArgumentException("empty batch");
    List<NewEvent> out = new ArrayList<>(batch.events.size());
    for (Map.Entry<String, ScribeEvent> e : batch.events) {
      out.add(codec.toNew(e.getValue(), e.getKey(), sessionId, executionId));
    }
    try {
      return log.append(new AppendRequest(out, batch.expected, batch.idempotencyKey));
    } catch (ExpectedVersionMismatchException e) {
      awaitAcknowledged(e.logPosition());
      throw e;
    } catch (EventLogStorageException | EventLogClosedException e) {
      throw new ToolException(
          "storage_error", "The event log could not store this call: " + e.getMessage()
              + ". Nothing was written; retry later.");
    }
  }

  /** Past the wait, the retry decides on what it can see; the log's expectation still guards it. */
  private void awaitAcknowledged(long position) {
    try {
      reads.awaitReached(position, CONFLICT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
