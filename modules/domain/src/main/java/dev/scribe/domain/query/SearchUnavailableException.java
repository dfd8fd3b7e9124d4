package dev.scribe.domain.query;

/**
 * The search index cannot answer now: it failed, is closed, or did not reach the required log
 * position in time. Nothing about the query was wrong; the caller may retry.
 */
public final class SearchUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchUnavailableException(String message) {
    super(message);
  }

  public SearchUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
