package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.TransportKind;
import dev.scribe.transport.testing.HttpMcp;
import dev.scribe.transport.testing.HttpMcpClient;
import dev.scribe.transport.testing.McpTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour suite over Streamable HTTP on a real socket. */
class HttpTransportSuiteTest extends AbstractTransportSuite {
  private Vertx vertx;
  private HttpServer http;
  private HttpMcp client;
  private McpHttpHandler handler;

  @Override
  protected void start(McpServer server) throws Exception {
    vertx = Vertx.vertx();
    handler = McpHttpHandler.create(vertx, server, HttpTransportConfig.defaults());
    Router router = Router.router(vertx);
    handler.mount(router);
    http =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router)
            .listen()
            .await(30, TimeUnit.SECONDS);
    client = new HttpMcp(vertx, http.actualPort());
  }

  @Override
  protected McpTestClient newClient() {
    return new HttpMcpClient(client);
  }

  @Override
  protected void stop() throws Exception {
    handler.close();
    client.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /**
   * Isolation under load: 200 sessions on one server, every one using the same request ids and
   * the same progress token, calls sent in a seeded random interleaving without waiting for any
   * answer (the test client keeps 64 connections busy).
   * The checker counts every response and notification that reached a session other than the
   * one whose call produced it (each call's tag names its session and round).
   */
  @Test
  void two_hundred_concurrent_sessions_with_colliding_ids_get_only_their_own_messages()
      throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int sessions = 200;
    int rounds = 3;
    List<McpTestClient> clients = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      McpTestClient c = client();
      c.initialize("2025-11-25");
      c.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
      clients.add(c);
    }
    // Every (session, round) pair once, in a random order: all sent before any answer is read.
    List<int[]> order = new ArrayList<>();
    for (int s = 0; s < sessions; s++) for (int r = 0; r < rounds; r++) order.add(new int[] {s, r});
    java.util.Collections.shuffle(order, random);
    int[][] steps = new int[sessions][rounds];
    List<CompletableFuture<Optional<JsonNode>>>[] answers = newAnswers(sessions, rounds);
    for (int[] sr : order) {
      int s = sr[0];
      int r = sr[1];
      steps[s][r] = 1 + random.nextInt(3);
      String tag = "S" + s + "R" + r;
      answers[s].set(
          r,
          clients.get(s).request(
              "{\"jsonrpc\":\"2.0\",\"id\":" + (100 + r) + ",\"method\":\"tools/call\",\"params\":"
                  + "{\"name\":\"steps\",\"arguments\":{\"steps\":" + steps[s][r] + ",\"tag\":\"" + tag
                  + "\"},\"_meta\":{\"progressToken\":\"same\"}}}"));
    }
    int wrong = 0;
    int delivered = 0;
    List<String> examples = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      int expectedNotes = 0;
      for (int r = 0; r < rounds; r++) {
        JsonNode answer = answers[s].get(r).get(60, TimeUnit.SECONDS).orElseThrow();
        delivered++;
        String tag = answer.at("/result/structuredContent/tag").asText();
        if (answer.get("id").asInt() != 100 + r || !tag.equals("S" + s + "R" + r)) {
          wrong++;
          if (examples.size() < 5) examples.add("session " + s + " got " + answer);
        }
        expectedNotes += 3 * steps[s][r]; // one progress and two logs (info, warning) per step
      }
      List<JsonNode> notes = clients.get(s).notifications();
      for (JsonNode n : notes) {
        delivered++;
        String text = n.has("params") && n.get("params").has("message")
            ? n.at("/params/message").asText() : n.at("/params/data").asText();
        if (!text.startsWith("S" + s + "R")) {
          wrong++;
          if (examples.size() < 5) examples.add("session " + s + " got " + n);
        }
      }
      assertThat(notes).as("notifications of session %d (seed %d)", s, seed).hasSize(expectedNotes);
    }
    assertThat(examples).as("messages delivered to the wrong session (seed %d)", seed).isEmpty();
    assertThat(wrong).isZero();
    assertThat(delivered).as("seed %d", seed).isGreaterThan(sessions * rounds * 4);
  }

  @SuppressWarnings("unchecked")
  private static List<CompletableFuture<Optional<JsonNode>>>[] newAnswers(int sessions, int rounds) {
    List<CompletableFuture<Optional<JsonNode>>>[] out = new List[sessions];
    for (int s = 0; s < sessions; s++) {
      out[s] = new ArrayList<>();
      for (int r = 0; r < rounds; r++) out[s].add(null);
    }
    return out;
  }

  @Override
  protected TransportKind kind() {
    return TransportKind.HTTP;
  }
}
