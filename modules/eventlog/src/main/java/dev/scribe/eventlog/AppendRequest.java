package dev.scribe.eventlog;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch appended atomically: all of its events or none.
 *
 * @param events the events, in order (at least one)
 * @param expectedVersions per stream, the version the batch expects it to be at before the batch
 * @param idempotencyKey when present, a second append with the same key writes nothing and fails
 *     with {@link DuplicateAppendException} carrying the original positions, across restarts
 */
public record AppendRequest(
    List<NewEvent> events,
    Map<String, ExpectedVersion> expectedVersions,
    Optional<String> idempotencyKey) {
  public AppendRequest {
    events = List.copyOf(requireNonNull(events, "events"));
    expectedVersions = Map.copyOf(requireNonNull(expectedVersions, "expectedVersions"));
    requireNonNull(idempotencyKey, "idempotencyKey");
    if (events.isEmpty()) throw new IllegalArgumentException("a batch needs at least one event");
    idempotencyKey.ifPresent(
        k -> {
          if (k.isEmpty()) throw new IllegalArgumentException("idempotency key must not be empty");
        });
  }

  /** A batch with no expectations and no idempotency key. */
  public static AppendRequest of(NewEvent... events) {
    return new AppendRequest(List.of(events), Map.of(), Optional.empty());
  }

  /** A batch with no expectations and no idempotency key. */
  public static AppendRequest of(List<NewEvent> events) {
    return new AppendRequest(events, Map.of(), Optional.empty());
  }

  /** This batch, also expecting {@code stream} to be at {@code expected}. */
  public AppendRequest expecting(String stream, ExpectedVersion expected) {
    Map<String, ExpectedVersion> m = new LinkedHashMap<>(expectedVersions);
    m.put(stream, expected);
    return new AppendRequest(events, m, idempotencyKey);
  }

  /** This batch, with an idempotency key. */
  public AppendRequest withIdempotencyKey(String key) {
    return new AppendRequest(events, expectedVersions, Optional.of(key));
  }
}
