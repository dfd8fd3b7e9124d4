package dev.scribe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idle keep-alive connections are closed; connections with a request in flight never are. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class IdleConnectionsTest {
  private static final String GET = "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private final IdleConnections idle = new IdleConnections();
  private final CountDownLatch slowArrived = new CountDownLatch(1);
  private final Promise<Void> releaseSlow = Promise.promise();
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start(Vertx v) {
    vertx = v;
    Router router = Router.router(vertx);
    router.route().handler(idle);
    router.get("/fast").handler(ctx -> ctx.response().end("fast"));
    router
        .get("/slow")
        .handler(
            ctx -> {
              slowArrived.countDown();
              releaseSlow.future().onComplete(x -> ctx.response().end("slow"));
            });
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .connectionHandler(idle::opened)
            .requestHandler(router)
            .listen()
            .await();
    port = server.actualPort();
  }

  /** A raw keep-alive client connection: what it received, and whether the server closed it. */
  private final class Client {
    final NetSocket socket;
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    Client() {
      socket = vertx.createNetClient().connect(port, "127.0.0.1").await();
      socket.handler(b -> received.add(b.toString(StandardCharsets.UTF_8)));
      socket.closeHandler(v -> closed.complete(null));
    }

    void send(String path) {
      socket.write(String.format(GET, path)).await();
    }

    String response() throws InterruptedException {
      String r = received.poll(20, TimeUnit.SECONDS);
      assertThat(r).as("a response").isNotNull();
      return r;
    }
  }

  private int sweep() {
    return idle.sweep().await();
  }

  @Test
  void a_connection_idle_for_a_whole_sweep_interval_is_closed() throws Exception {
    Client c = new Client();
    c.send("/fast");
    assertThat(c.response()).startsWith("HTTP/1.1 200").endsWith("fast");

    assertThat(sweep()).as("a request began since the last sweep").isZero();
    assertThat(c.closed).isNotDone();
    assertThat(sweep()).isEqualTo(1);
    c.closed.get(20, TimeUnit.SECONDS);
    assertThat(idle.size()).isZero();
  }

  @Test
  void a_connection_with_a_request_in_flight_is_never_closed() throws Exception {
    Client c = new Client();
    c.send("/slow");
    assertThat(slowArrived.await(20, TimeUnit.SECONDS)).isTrue();

    assertThat(sweep()).isZero();
    assertThat(sweep()).isZero();
    assertThat(sweep()).isZero();
    vertx.runOnContext(v -> releaseSlow.complete());
    assertThat(c.response()).as("answered on the same connection").endsWith("slow");

    assertThat(sweep()).as("the response ended since the last sweep").isZero();
    assertThat(sweep()).as("idle for a whole interval since").isEqualTo(1);
    c.closed.get(20, TimeUnit.SECONDS);
  }

  @Test
  void a_request_in_every_interval_keeps_the_connection_open() throws Exception {
    Client c = new Client();
    for (int i = 0; i < 3; i++) {
      c.send("/fast");
      assertThat(c.response()).endsWith("fast");
      assertThat(sweep()).isZero();
    }
    assertThat(c.closed).isNotDone();
    assertThat(idle.size()).isEqualTo(1);
  }
}
