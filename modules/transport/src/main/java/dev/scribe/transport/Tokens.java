package dev.scribe.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Constant-time token comparison, so a token cannot be guessed byte by byte from timings. */
final class Tokens {
  private Tokens() {}

  static boolean matches(String expected, String presented) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
