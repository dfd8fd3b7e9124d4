package dev.scribe.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * 128-bit ids from {@link SecureRandom}, as 32 lower-case hex characters: session ids (they are
 * unguessable, as the MCP security guidance asks), execution ids, event ids and entry ids. The
 * composition root is the only place randomness is created.
 */
public final class RandomIds implements Supplier<String> {
  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
