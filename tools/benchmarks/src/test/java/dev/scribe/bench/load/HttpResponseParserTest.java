package dev.scribe.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {
  private static final String MESSAGE = "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: h\u00e9\u20ac\"}]},\"jsonrpc\":\"2.0\",\"id\":7}";

  /** The shape server-everything answers a tools/call with: chunked SSE, priming event first. */
  private static byte[] sseChunkedResponse() {
    String priming = "id: 3a1e\ndata: \n\n";
    String event = "event: message\nid: 09a6\ndata: " + MESSAGE + "\n\n";
    byte[] p = priming.getBytes(StandardCharsets.UTF_8);
    byte[] e = event.getBytes(StandardCharsets.UTF_8);
    // Split the message event into two chunks in the middle of the three-byte euro sign.
    int cut = event.indexOf('\u20ac');
    int cutBytes = event.substring(0, cut).getBytes(StandardCharsets.UTF_8).length + 1;
    String head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nmcp-session-id: abc-123\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    ByteBuffer out = ByteBuffer.allocate(4096);
    out.put(head.getBytes(StandardCharsets.US_ASCII));
    chunk(out, p, 0, p.length);
    chunk(out, e, 0, cutBytes);
    chunk(out, e, cutBytes, e.length - cutBytes);
    out.put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  private static void chunk(ByteBuffer out, byte[] data, int from, int n) {
    out.put((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.put(data, from, n);
    out.put("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void sseOverChunkedEncodingFedByteByByte() {
    byte[] bytes = sseChunkedResponse();
    HttpResponseParser parser = new HttpResponseParser();
    for (int i = 0; i < bytes.length; i++) {
      parser.feed(ByteBuffer.wrap(bytes, i, 1));
      boolean done = parser.parse();
      assertThat(done).as("complete after byte %d of %d", i + 1, bytes.length).isEqualTo(i == bytes.length - 1);
    }
    assertThat(parser.status()).isEqualTo(200);
    assertThat(parser.sessionId()).isEqualTo("abc-123");
    assertThat(parser.body()).isEqualTo(MESSAGE);
    assertThat(parser.messages()).containsExactly(MESSAGE);
  }

  @Test
  void sseOverChunkedEncodingInEveryTwoPieceSplit() {
    byte[] bytes = sseChunkedResponse();
    for (int cut = 1; cut < bytes.length; cut++) {
      HttpResponseParser parser = new HttpResponseParser();
      parser.feed(ByteBuffer.wrap(bytes, 0, cut));
      assertThat(parser.parse()).isFalse();
      parser.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
      assertThat(parser.parse()).isTrue();
      assertThat(parser.body()).isEqualTo(MESSAGE);
    }
  }

  @Test
  void contentLengthResponsesBackToBackInOneRead() {
    String json = "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}";
    String two = "HTTP/1.1 202 Accepted\r\nMcp-Session-Id: s1\r\ncontent-length: 0\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: " + json.length() + "\r\n\r\n" + json;
    HttpResponseParser parser = new HttpResponseParser();
    parser.feed(ByteBuffer.wrap(two.getBytes(StandardCharsets.US_ASCII)));
    assertThat(parser.parse()).isTrue();
    assertThat(parser.status()).isEqualTo(202);
    assertThat(parser.sessionId()).isEqualTo("s1");
    assertThat(parser.body()).isEmpty();
    assertThat(parser.parse()).isTrue();
    assertThat(parser.status()).isEqualTo(200);
    assertThat(parser.body()).isEqualTo(json);
    assertThat(parser.parse()).isFalse();
  }

  @Test
  void bodiesLargerThanTheInitialBufferGrowIt() {
    String json = "{\"text\":\"" + "x".repeat(100_000) + "\"}";
    String r = "HTTP/1.1 200 OK\r\ncontent-length: " + json.length() + "\r\n\r\n" + json;
    HttpResponseParser parser = new HttpResponseParser();
    byte[] bytes = r.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length; i += 4096) {
      parser.feed(ByteBuffer.wrap(bytes, i, Math.min(4096, bytes.length - i)));
    }
    assertThat(parser.parse()).isTrue();
    assertThat(parser.body()).isEqualTo(json);
  }

  @Test
  void sseEventsJoinDataLinesAndSkipCommentsAndEmptyEvents() {
    String stream = ": comment\r\ndata: \r\n\r\nevent: message\r\ndata:{\"a\":\r\ndata: 1}\r\n\r\nretry: 5\ndata: two\n\ndata: unterminated";
    assertThat(SseEvents.data(stream)).containsExactly("{\"a\":\n1}", "two");
  }

  @Test
  void heapInfoOfG1IsParsed() {
    String info = "11182:\n garbage-first heap   total 81920K, used 19088K [0x0000000687400000, 0x0000000800000000)\n"
        + "  region size 4096K, 2 young (8192K), 1 survivors (4096K)\n Metaspace       used 34458K, committed 35008K\n";
    assertThat(ServerProcess.heapUsedKb(info)).isEqualTo(19088);
    assertThat(ServerProcess.heapUsedKb("Metaspace used 1K")).isEqualTo(-1);
  }
}
