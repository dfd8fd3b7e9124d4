package dev.scribe.transport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A newline-delimited client over a stream pair. A reader thread routes responses to the pending
 * request with the same id and keeps everything else as notifications. Every line read must be
 * valid JSON (stdout carries nothing else).
 */
public final class StreamMcpClient implements McpTestClient {
  private final OutputStream out;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<JsonNode>>> pending =
      new ConcurrentHashMap<>();
  private final List<JsonNode> notifications = new ArrayList<>();
  private final List<String> garbage = new ArrayList<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  public StreamMcpClient(InputStream in, OutputStream out) {
    this.out = out;
    Thread reader = new Thread(() -> read(in), "scribe-test-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream in) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        JsonNode m;
        try {
          m = McpJson.mapper().readTree(text);
        } catch (IOException e) {
          synchronized (this) {
            garbage.add(text);
          }
          continue;
        }
        if (m.has("id") && (m.has("result") || m.has("error"))) {
          CompletableFuture<Optional<JsonNode>> f = pending.remove(m.get("id").toString());
          if (f != null) {
            f.complete(Optional.of(m));
            continue;
          }
        }
        synchronized (this) {
          notifications.add(m);
        }
      }
    } catch (IOException e) {
      // stream closed
    } finally {
      ended.complete(null);
    }
  }

  @Override
  public CompletableFuture<Optional<JsonNode>> request(String json) {
    JsonNode id = McpJson.parseObject(json).get("id");
    CompletableFuture<Optional<JsonNode>> f = new CompletableFuture<>();
    pending.put(id.toString(), f);
    write(json);
    return f;
  }

  @Override
  public void notify(String json) {
    write(json);
  }

  /** Writes one raw line (anything: tests send broken input too). */
  public synchronized void write(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized List<JsonNode> notifications() {
    return List.copyOf(notifications);
  }

  /** Lines that were not JSON (must stay empty). */
  public synchronized List<String> garbage() {
    return List.copyOf(garbage);
  }

  /** Completes when the server closed its output. */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /** Ends our output: the server sees end of input. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
