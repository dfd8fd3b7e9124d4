package dev.scribe.transport;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Response bodies from the bytes the protocol layer encoded. */
final class Bodies {
  private Bodies() {}

  /**
   * {@code bytes} as a buffer, wrapped rather than copied ({@code Buffer.buffer(byte[])} copies):
   * each encoded message is a fresh array that nothing else holds or changes.
   */
  static Buffer of(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }
}
