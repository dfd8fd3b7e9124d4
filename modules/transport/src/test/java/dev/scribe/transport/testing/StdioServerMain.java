package dev.scribe.transport.testing;

import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.transport.StdioTransport;

/** The stdio transport with the test tools on this process's stdin/stdout (for subprocess tests). */
public final class StdioServerMain {
  private StdioServerMain() {}

  public static void main(String[] args) {
    new StdioTransport(
            TestServers.server(
                new TestTools().registry(),
                new RecordingObserver(),
                TestServers.toolExecutor(),
                MutableClock.fixed()),
            System.in,
            System.out)
        .run();
    System.out.flush();
  }
}
