package dev.scribe.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal incremental HTTP/1.1 response parser for the load generator: status, headers,
 * Content-Length or chunked bodies. Feed it bytes; it reports a complete response.
 */
final class HttpResponseParser {
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
  private int status;
  private String sessionId;
  private String body;

  /** Appends received bytes. */
  void feed(ByteBuffer in) {
    buf.put(in);
  }

  /** Tries to parse one complete response from the buffered bytes; true when one is ready. */
  boolean parse() {
    byte[] a = buf.array();
    int len = buf.position();
    int headerEnd = indexOf(a, len, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (headerEnd < 0) return false;
    String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int st = Integer.parseInt(lines[0].split(" ")[1]);
    int contentLength = -1;
    boolean chunked = false;
    String sid = null;
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c < 0) continue;
      String name = lines[i].substring(0, c).trim().toLowerCase();
      String value = lines[i].substring(c + 1).trim();
      if (name.equals("content-length")) contentLength = Integer.parseInt(value);
      else if (name.equals("transfer-encoding") && value.toLowerCase().contains("chunked")) chunked = true;
      else if (name.equals("mcp-session-id")) sid = value;
    }
    int bodyStart = headerEnd + 4;
    int consumed;
    String b;
    if (chunked) {
      StringBuilder out = new StringBuilder();
      int p = bodyStart;
      while (true) {
        int lineEnd = indexOf(a, len, "\r\n".getBytes(StandardCharsets.US_ASCII), p);
        if (lineEnd < 0) return false;
        int size = Integer.parseInt(new String(a, p, lineEnd - p, StandardCharsets.US_ASCII).trim(), 16);
        p = lineEnd + 2;
        if (size == 0) {
          if (len < p + 2) return false;
          p += 2;
          break;
        }
        if (len < p + size + 2) return false;
        out.append(new String(a, p, size, StandardCharsets.UTF_8));
        p += size + 2;
      }
      consumed = p;
      b = out.toString();
    } else {
      int n = Math.max(0, contentLength);
      if (len < bodyStart + n) return false;
      consumed = bodyStart + n;
      b = new String(a, bodyStart, n, StandardCharsets.UTF_8);
    }
    status = st;
    sessionId = sid;
    body = b;
    // Keep any bytes of a next response.
    buf.flip();
    buf.position(consumed);
    buf.compact();
    return true;
  }

  int status() {
    return status;
  }

  String sessionId() {
    return sessionId;
  }

  String body() {
    return body;
  }

  private static int indexOf(byte[] a, int len, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= len; i++) {
      for (int j = 0; j < needle.length; j++) if (a[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
