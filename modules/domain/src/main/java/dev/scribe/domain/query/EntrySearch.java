package dev.scribe.domain.query;

/**
 * Answers an {@link EntryQuery} over every entry in the log (the search index implements it).
 * {@code read_recent} delegates here when an answer lies beyond its in-memory window; {@code
 * query_entries} always uses it. Thread-safe.
 */
public interface EntrySearch {

  /**
   * The page {@code query} asks for, computed over a view of the log that includes at least every
   * event up to {@code minPosition} — pass the log's last position at the start of the call for
   * read-your-writes. Waits (bounded) until the index covers it.
   *
   * @throws SearchUnavailableException if the index failed, is closed or did not reach {@code
   *     minPosition} in time
   */
  EntryPage search(EntryQuery query, long minPosition);
}
