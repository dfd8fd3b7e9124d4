package dev.scribe.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** MCP over Streamable HTTP as raw HTTP/1.1 bytes: request framing and blocking round trips. */
final class McpWire {
  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"scribe-load\",\"version\":\"1\"}}}";
  static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private final URI url;

  McpWire(URI url) {
    this.url = url;
  }

  SocketChannel connect() throws IOException {
    SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
    ch.socket().setTcpNoDelay(true);
    return ch;
  }

  static String ping(long id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
  }

  static String toolCall(long id, String tool, String argumentsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + argumentsJson + "}}";
  }

  /** A POST of body to the MCP endpoint, with the session header when session is not null. */
  ByteBuffer request(String session, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
            + "MCP-Protocol-Version: 2025-11-25\r\n"
            + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\n")
            + "Content-Length: " + b.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(h.length + b.length);
    out.put(h).put(b).flip();
    return out;
  }

  /** Sends one request on a blocking channel and waits for its whole response. */
  HttpResponseParser roundTrip(SocketChannel ch, HttpResponseParser parser, String session, String body)
      throws IOException {
    ByteBuffer req = request(session, body);
    while (req.hasRemaining()) ch.write(req);
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    while (true) {
      in.clear();
      if (ch.read(in) < 0) throw new IOException("connection closed");
      in.flip();
      parser.feed(in);
      if (parser.parse()) return parser;
    }
  }

  /** initialize + notifications/initialized; the new session's id. */
  String openSession(SocketChannel ch, HttpResponseParser parser) throws IOException {
    HttpResponseParser init = roundTrip(ch, parser, null, INITIALIZE);
    String sid = init.sessionId();
    if (init.status() != 200 || sid == null) {
      throw new IOException("initialize failed: " + init.status() + " " + init.body());
    }
    HttpResponseParser ack = roundTrip(ch, parser, sid, INITIALIZED);
    if (ack.status() != 202 && ack.status() != 200) {
      throw new IOException("notifications/initialized failed: " + ack.status() + " " + ack.body());
    }
    return sid;
  }
}
