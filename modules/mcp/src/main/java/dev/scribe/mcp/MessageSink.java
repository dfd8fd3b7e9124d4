package dev.scribe.mcp;

/** An outbound stream of whole messages (an HTTP GET stream, a stdio output). Thread-safe. */
public interface MessageSink {

  /** Sends one compact JSON message. */
  void send(byte[] message);

  /** The session ended: finish the stream. */
  void close();
}
