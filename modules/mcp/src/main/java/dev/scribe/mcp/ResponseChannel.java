package dev.scribe.mcp;

/**
 * Where the answer to one inbound payload goes (the HTTP POST that carried it, or the stdio
 * output). Implemented by transports; the engine calls it from any thread, at most one of {@link
 * #respond} or {@link #abandon} once, after any number of {@link #notify}s.
 */
public interface ResponseChannel {

  /** For payloads that contain no request (notifications and responses): nothing is ever sent. */
  ResponseChannel NONE =
      new ResponseChannel() {
        @Override
        public boolean notify(byte[] message) {
          return false;
        }

        @Override
        public void respond(byte[] message) {}

        @Override
        public void abandon() {}
      };

  /**
   * A message related to the request, sent before its response ({@code notifications/progress},
   * {@code notifications/message}).
   *
   * @return false if this channel cannot carry it (a plain JSON HTTP response); it is dropped
   */
  boolean notify(byte[] message);

  /** The response (an object, or an array for a batch). Ends the exchange. */
  void respond(byte[] message);

  /** No response will come (the request was cancelled, or the session ended). Ends the exchange. */
  void abandon();

  /**
   * True when {@link #notify}, {@link #respond} and {@link #abandon} only queue the message for
   * another thread and return at once. The engine then may call them from the event log's writer
   * thread, which nothing may block; otherwise it calls them from its tool executor.
   */
  default boolean neverBlocks() {
    return false;
  }
}
