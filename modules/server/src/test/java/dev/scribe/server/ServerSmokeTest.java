package dev.scribe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.server.bus.EventAddresses;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ServerSmokeTest {

  @Test
  void a_real_client_connects_lists_and_calls_and_every_call_is_recorded(@TempDir Path dir) {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir)) {
      McpTestClient client = server.client();
      assertThat(client.listTools()).extracting(t -> t.name()).contains("health_check");

      ToolReply health = client.call("health_check");

      assertThat(health.ok()).as(health.toString()).isTrue();
      assertThat(health.at("/status").asText()).isEqualTo("healthy");
      assertThat(server.events(SessionOpened.class)).extracting(SessionOpened::clientName)
          .containsExactly(client.name());
      assertThat(server.events(ToolInvoked.class)).singleElement()
          .satisfies(t -> {
            assertThat(t.tool()).isEqualTo("health_check");
            assertThat(t.outcome()).isEqualTo("ok");
          });
    }
  }

  @Test
  void an_http_session_survives_a_restart_on_a_chronicle_log(@TempDir Path dir) {
    try (ScribeTestServer server = ScribeTestServer.chronicle(dir)) {
      McpTestClient client = server.client();
      String session = client.sessionId();
      server.restart();
      assertThat(server.server().http().sessions().find(session)).isPresent();
      assertThat(client.call("health_check").ok()).isTrue();
      assertThat(client.sessionId()).isEqualTo(session);
      assertThat(server.events(SessionOpened.class)).as("no re-initialisation").hasSize(1);
    }
  }

  @Test
  void health_and_metrics_endpoints_answer(@TempDir Path dir) throws Exception {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir)) {
      server.client().call("health_check");
      server.client().call("health_check");
      assertThat(server.client().call("health_check", Map.of("verbose", true)).ok()).isFalse();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> health =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/health")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"healthy\"");
      java.net.http.HttpResponse<String> metrics =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/metrics")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("scribe_tool_calls_seconds_count{outcome=\"ok\",tool=\"health_check\"} 2")
          .contains(
              "scribe_tool_calls_seconds_count{outcome=\"tool_error\",tool=\"health_check\"} 1")
          .contains("scribe_log_position")
          .contains("scribe_projection_lag{projection=\"sessions\"}");
    }
  }

  @Test
  void events_reach_the_bus_only_once_a_consumer_asks_for_them(@TempDir Path dir)
      throws Exception {
    try (ScribeTestServer server = ScribeTestServer.inMemory(dir)) {
      McpTestClient client = server.client();
      client.call("health_check");
      assertThat(server.server().publishingEvents()).as("nobody asked yet").isFalse();
      long before = server.log().lastPosition();

      Vertx vertx = server.server().publishEvents();
      assertThat(server.server().publishEvents()).as("same instance, one publisher").isSameAs(vertx);
      assertThat(vertx.deploymentIDs()).hasSize(1);
      BlockingQueue<RecordedEvent> received = new LinkedBlockingQueue<>();
      MessageConsumer<RecordedEvent> consumer =
          vertx.eventBus().localConsumer(
              EventAddresses.session(client.sessionId()), m -> received.add(m.body()));
      consumer.completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      client.call("health_check");

      RecordedEvent event = received.poll(30, TimeUnit.SECONDS);
      assertThat(event).as("the call's record, published").isNotNull();
      assertThat(event.position()).as("history is not replayed").isGreaterThan(before);
      assertThat(event.event()).isInstanceOfSatisfying(
          ToolInvoked.class, t -> assertThat(t.tool()).isEqualTo("health_check"));

      CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
      vertx.runOnContext(
          v -> {
            try {
              server.server().publishEvents();
              onLoop.complete(null);
            } catch (Throwable t) {
              onLoop.complete(t);
            }
          });
      assertThat(onLoop.get(30, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("off the event loop");
    }
  }
}
