package dev.scribe.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal incremental HTTP/1.1 response parser for the load generator: status, headers,
 * Content-Length or chunked bodies, and {@code text/event-stream} bodies (the reference TS server
 * answers a POST with an SSE stream: a priming event with empty data, then one event per JSON-RPC
 * message). Feed it bytes as they arrive; {@link #parse()} reports a complete response.
 */
final class HttpResponseParser {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

  private ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
  private int status;
  private String sessionId;
  private String body;
  private List<String> messages = List.of();

  /** Appends received bytes, growing the buffer when needed. */
  void feed(ByteBuffer in) {
    if (buf.remaining() < in.remaining()) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + in.remaining()));
      buf.flip();
      bigger.put(buf);
      buf = bigger;
    }
    buf.put(in);
  }

  /** Tries to parse one complete response from the buffered bytes; true when one is ready. */
  boolean parse() {
    byte[] a = buf.array();
    int len = buf.position();
    int headerEnd = indexOf(a, len, HEADERS_END, 0);
    if (headerEnd < 0) return false;
    String[] lines = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    int st = Integer.parseInt(lines[0].split(" ")[1]);
    int contentLength = -1;
    boolean chunked = false;
    boolean sse = false;
    String sid = null;
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c < 0) continue;
      String name = lines[i].substring(0, c).trim().toLowerCase();
      String value = lines[i].substring(c + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
        case "content-type" -> sse = value.toLowerCase().startsWith("text/event-stream");
        case "mcp-session-id" -> sid = value;
        default -> { }
      }
    }
    int bodyStart = headerEnd + HEADERS_END.length;
    int consumed;
    String raw;
    if (chunked) {
      StringBuilder out = new StringBuilder();
      consumed = dechunk(a, len, bodyStart, out);
      if (consumed < 0) return false;
      raw = out.toString();
    } else {
      int n = Math.max(0, contentLength);
      if (len < bodyStart + n) return false;
      consumed = bodyStart + n;
      raw = new String(a, bodyStart, n, StandardCharsets.UTF_8);
    }
    status = st;
    sessionId = sid;
    messages = sse ? SseEvents.data(raw) : (raw.isEmpty() ? List.of() : List.of(raw));
    body = messages.isEmpty() ? "" : messages.get(messages.size() - 1);
    // Keep any bytes of a next response.
    buf.flip();
    buf.position(consumed);
    buf.compact();
    return true;
  }

  /** Decodes a chunked body into out; the offset after its last chunk, or -1 if incomplete. */
  private static int dechunk(byte[] a, int len, int from, StringBuilder out) {
    int p = from;
    ByteBuffer bytes = ByteBuffer.allocate(256);
    while (true) {
      int lineEnd = indexOf(a, len, CRLF, p);
      if (lineEnd < 0) return -1;
      String sizeLine = new String(a, p, lineEnd - p, StandardCharsets.US_ASCII);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      p = lineEnd + 2;
      if (size == 0) {
        // No trailers are expected: the last chunk is followed by one CRLF.
        if (len < p + 2) return -1;
        out.append(StandardCharsets.UTF_8.decode(bytes.flip()));
        return p + 2;
      }
      if (len < p + size + 2) return -1;
      // Collect the raw bytes first: a UTF-8 character may span two chunks.
      if (bytes.remaining() < size) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + size));
        bigger.put(bytes.flip());
        bytes = bigger;
      }
      bytes.put(a, p, size);
      p += size + 2;
    }
  }

  int status() {
    return status;
  }

  String sessionId() {
    return sessionId;
  }

  /** The JSON-RPC message that ends the response (for SSE, the last event with data), or "". */
  String body() {
    return body;
  }

  /** Every JSON-RPC message in the response, in order (SSE events without data left out). */
  List<String> messages() {
    return messages;
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
