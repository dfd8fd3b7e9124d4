package dev.scribe.transport;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.TransportKind;
import dev.scribe.transport.testing.McpTestClient;
import dev.scribe.transport.testing.StreamMcpClient;
import io.vertx.core.Vertx;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;

/**
 * The behaviour suite through {@code scribe stdio}'s path: client pipes, {@link StdioBridge},
 * loopback TCP with a token, {@link LoopbackServer}.
 */
class LoopbackBridgeSuiteTest extends AbstractTransportSuite {
  private static final String TOKEN = "t0ken-for-tests";
  private Vertx vertx;
  private LoopbackServer loopback;

  @Override
  protected void start(McpServer server) throws Exception {
    vertx = Vertx.vertx();
    loopback =
        LoopbackServer.start(vertx, server, LoopbackConfig.defaults().withToken(TOKEN))
            .await(30, TimeUnit.SECONDS);
  }

  @Override
  protected McpTestClient newClient() throws Exception {
    Pipe stdin = Pipe.open();
    Pipe stdout = Pipe.open();
    StdioBridge bridge = new StdioBridge("127.0.0.1", loopback.port(), TOKEN);
    Thread t =
        new Thread(
            () -> {
              bridge.run(Channels.newInputStream(stdin.source()), Channels.newOutputStream(stdout.sink()));
              try {
                stdout.sink().close();
              } catch (java.io.IOException e) {
                // closing
              }
            },
            "scribe-test-bridge");
    t.setDaemon(true);
    t.start();
    return new StreamMcpClient(
        Channels.newInputStream(stdout.source()), Channels.newOutputStream(stdin.sink()));
  }

  @Override
  protected void stop() throws Exception {
    loopback.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Override
  protected TransportKind kind() {
    return TransportKind.STDIO;
  }
}
