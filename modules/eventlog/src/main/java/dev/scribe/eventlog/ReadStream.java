package dev.scribe.eventlog;

import java.util.List;

/** Reads one stream. Thread-safe. */
public interface ReadStream {

  /** The stream's version: the number of acknowledged events in it, 0 when it does not exist. */
  long streamVersion(String stream);

  /**
   * Up to {@code maxEvents} events of the stream with stream version ≥ {@code fromVersion}, in
   * order.
   */
  List<StoredEvent> readStream(String stream, long fromVersion, int maxEvents);
}
