package dev.scribe.mcp.testing;

import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.ServerInfo;
import dev.scribe.mcp.SessionObserver;
import dev.scribe.mcp.ToolRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds engines for tests. */
public final class TestServers {
  private TestServers() {}

  /** A cached pool of daemon threads named {@code scribe-test-tool-N}. */
  public static ExecutorService toolExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f =
        r -> {
          Thread t = new Thread(r, "scribe-test-tool-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newCachedThreadPool(f);
  }

  public static McpServer server(
      ToolRegistry tools, SessionObserver observer, ExecutorService executor, Clock clock) {
    return McpServer.builder()
        .serverInfo(new ServerInfo("scribe-test", "0.0.1", "Test server."))
        .tools(tools)
        .observer(observer)
        .executor(executor)
        .clock(clock)
        .sessionIds(new Ids("session"))
        .executionIds(new Ids("exec"))
        .validateOutput(true)
        .build();
  }
}
