package dev.scribe.mcp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.MessageSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link MessageSink} that keeps what the server sent, as text, for tests to read in order. */
public final class Wire implements MessageSink {
  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  @Override
  public void send(byte[] message) {
    String s = new String(message, StandardCharsets.UTF_8);
    if (s.indexOf('\n') >= 0) {
      throw new AssertionError("a message must not contain a newline: " + s);
    }
    messages.add(s);
  }

  @Override
  public void close() {
    closed = true;
  }

  public boolean closed() {
    return closed;
  }

  /** The next message; fails after 30 s. */
  public JsonNode next() throws InterruptedException {
    String s = messages.poll(30, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no message from the server");
    }
    return parse(s);
  }

  /** Skips messages until one matches. */
  public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
    List<JsonNode> skipped = new ArrayList<>();
    while (true) {
      String s = messages.poll(30, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("no matching message; skipped " + skipped);
      }
      JsonNode n = parse(s);
      if (wanted.test(n)) {
        return n;
      }
      skipped.add(n);
    }
  }

  /** Everything received and not yet read. */
  public List<JsonNode> drain() {
    List<String> out = new ArrayList<>();
    messages.drainTo(out);
    List<JsonNode> nodes = new ArrayList<>();
    for (String s : out) {
      nodes.add(parse(s));
    }
    return nodes;
  }

  private static JsonNode parse(String s) {
    try {
      return McpJson.mapper().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
