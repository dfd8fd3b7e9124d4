package dev.scribe.transport;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.TransportKind;
import dev.scribe.transport.testing.McpTestClient;
import dev.scribe.transport.testing.StreamMcpClient;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The behaviour suite over stdio on in-process pipes: one transport (and session) per client. */
class StdioTransportSuiteTest extends AbstractTransportSuite {
  private McpServer server;
  private final List<Thread> threads = new ArrayList<>();

  @Override
  protected void start(McpServer server) {
    this.server = server;
  }

  @Override
  protected McpTestClient newClient() throws Exception {
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    StdioTransport transport =
        new StdioTransport(
            server,
            Channels.newInputStream(toServer.source()),
            Channels.newOutputStream(toClient.sink()));
    Thread t =
        new Thread(
            () -> {
              transport.run();
              try {
                toClient.sink().close();
              } catch (java.io.IOException e) {
                // closing
              }
            },
            "scribe-test-stdio");
    t.start();
    threads.add(t);
    return new StreamMcpClient(
        Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()));
  }

  @Override
  protected void stop() throws Exception {
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Override
  protected TransportKind kind() {
    return TransportKind.STDIO;
  }
}
