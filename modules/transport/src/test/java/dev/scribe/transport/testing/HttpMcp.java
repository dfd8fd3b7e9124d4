package dev.scribe.transport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpJson;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A small blocking HTTP client for tests (Vert.x HttpClient, awaited from the test thread). */
public final class HttpMcp implements AutoCloseable {
  public static final String ACCEPT_BOTH = "application/json, text/event-stream";

  private final HttpClient client;
  private final int port;
  private final Context context;

  /**
   * Requests are issued from one event-loop context: a response handler attached from a foreign
   * thread can be dispatched a tick late and miss body chunks that arrived with the head.
   */
  public HttpMcp(Vertx vertx, int port) {
    this.context = vertx.getOrCreateContext();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.port = port;
  }

  private <T> io.vertx.core.Future<T> onContext(java.util.function.Supplier<io.vertx.core.Future<T>> work) {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    context.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  /** A whole response. */
  public record Reply(int status, MultiMap headers, String body) {
    public @Nullable String header(String name) {
      return headers.get(name);
    }

    public boolean isSse() {
      String ct = headers.get("Content-Type");
      return ct != null && ct.startsWith("text/event-stream");
    }

    public JsonNode json() {
      try {
        return McpJson.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** SSE events in order (data parsed as JSON; the empty-data priming event as a missing node). */
    public List<JsonNode> events() {
      return HttpMcp.events(body);
    }

    /** The JSON-RPC messages carried: the JSON body, or every non-empty SSE event. */
    public List<JsonNode> messages() {
      if (body.isEmpty()) {
        return List.of();
      }
      if (!isSse()) {
        return List.of(json());
      }
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode e : events()) {
        if (!e.isMissingNode()) {
          out.add(e);
        }
      }
      return out;
    }
  }

  static List<JsonNode> events(String body) {
    List<JsonNode> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      StringBuilder data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("data:")) {
          if (data == null) {
            data = new StringBuilder();
          }
          data.append(line.substring(5).trim());
        }
      }
      if (data == null) {
        continue; // a comment (keep-alive)
      }
      try {
        out.add(data.length() == 0 ? McpJson.mapper().missingNode() : McpJson.mapper().readTree(data.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Headers as name/value pairs. */
  public static Map<String, String> headers(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  public Reply post(String body, Map<String, String> headers) {
    return send(HttpMethod.POST, body, headers, null);
  }

  public CompletableFuture<Reply> postAsync(String body, Map<String, String> headers) {
    return exchange(HttpMethod.POST, body, headers, null).toCompletionStage().toCompletableFuture();
  }

  public Reply send(HttpMethod method, @Nullable String body, Map<String, String> headers, @Nullable String authority) {
    try {
      return exchange(method, body, headers, authority).await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no HTTP response in 30 s", e);
    }
  }

  private io.vertx.core.Future<Reply> exchange(
      HttpMethod method, @Nullable String body, Map<String, String> headers, @Nullable String authority) {
    RequestOptions o =
        new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI("/mcp");
    return onContext(
        () ->
            client
                .request(o)
                .compose(
                    req -> {
                      if (authority != null) {
                        req.authority(HostAndPort.parseAuthority(authority, 80));
                      }
                      headers.forEach(req::putHeader);
                      return (body == null ? req.send() : req.send(body))
                          .compose(
                              (HttpClientResponse resp) ->
                                  resp.body()
                                      .map(b -> new Reply(resp.statusCode(), resp.headers(), b.toString())));
                    }));
  }

  /** An open streaming response (GET stream or a long POST), read chunk by chunk. */
  public static final class Stream {
    public final int status;
    public final MultiMap headers;
    private final BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final StringBuilder seen = new StringBuilder();

    Stream(HttpClientResponse resp) {
      this.status = resp.statusCode();
      this.headers = resp.headers();
      resp.handler(b -> chunks.add(b.toString()));
      resp.endHandler(v -> ended.complete(null));
      resp.exceptionHandler(ended::completeExceptionally);
    }

    /** Waits until the text read so far contains {@code text}. */
    public String awaitText(String text) throws InterruptedException {
      while (seen.indexOf(text) < 0) {
        String c = chunks.poll(30, TimeUnit.SECONDS);
        if (c == null) {
          throw new AssertionError("stream never said " + text + "; got " + seen);
        }
        seen.append(c);
      }
      return seen.toString();
    }

    public CompletableFuture<Void> ended() {
      return ended;
    }
  }

  public Stream open(HttpMethod method, @Nullable String body, Map<String, String> headers) throws Exception {
    RequestOptions o =
        new RequestOptions().setMethod(method).setHost("localhost").setPort(port).setURI("/mcp");
    return this.<Stream>onContext(
            () ->
                client
                    .request(o)
                    .compose(
                        req -> {
                          headers.forEach(req::putHeader);
                          return (body == null ? req.send() : req.send(Buffer.buffer(body)))
                              .map(Stream::new);
                        }))
        .await(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.close();
  }
}
