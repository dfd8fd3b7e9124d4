package dev.scribe.transport;

import java.util.Locale;

/**
 * What a POST's {@code Accept} allows. Lenient on purpose: the spec wants both types listed, but
 * some clients send only one (claude.ai's proxy: only SSE), so we answer in whatever they accept.
 */
enum AcceptMode {
  /** Only {@code application/json}: notifications during a call are dropped. */
  JSON_ONLY,
  /** Only {@code text/event-stream}: every request is answered on an SSE stream. */
  SSE_ONLY,
  /** Both (or no header, or a wildcard): JSON unless the call sends notifications first. */
  EITHER,
  /** Neither: 406. */
  NONE;

  static AcceptMode of(String accept) {
    if (accept == null || accept.isBlank()) {
      return EITHER;
    }
    boolean json = false;
    boolean sse = false;
    for (String part : accept.split(",")) {
      String[] pieces = part.split(";");
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (isZeroQuality(pieces)) {
        continue;
      }
      switch (type) {
        case "*/*" -> {
          json = true;
          sse = true;
        }
        case "application/json", "application/*" -> json = true;
        case "text/event-stream", "text/*" -> sse = true;
        default -> {}
      }
    }
    if (json && sse) {
      return EITHER;
    }
    return json ? JSON_ONLY : sse ? SSE_ONLY : NONE;
  }

  boolean allowsSse() {
    return this == SSE_ONLY || this == EITHER;
  }

  private static boolean isZeroQuality(String[] pieces) {
    for (int i = 1; i < pieces.length; i++) {
      String p = pieces[i].trim().replace(" ", "");
      if (p.equals("q=0") || p.equals("q=0.0") || p.equals("q=0.00") || p.equals("q=0.000")) {
        return true;
      }
    }
    return false;
  }
}
