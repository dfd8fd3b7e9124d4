package dev.scribe.cli;

import dev.scribe.eventlog.chronicle.FsyncPolicy;
import dev.scribe.server.ScribeServer;
import dev.scribe.server.ServerConfig;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the MCP server (Streamable HTTP at /mcp, stdio bridge endpoint on loopback).")
final class ServeCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "7337", description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--fsync", defaultValue = "batch", description = "batch[:MS] (default: a write is acknowledged after its fsync; a read's record waits up to MS, default 100, for one), interval[:MS], none.")
  String fsync;

  @Option(names = "--token", description = "Bearer token every request must carry (or env SCRIBE_TOKEN).")
  String token;

  @Option(names = "--allow-host", split = ",", description = "Extra Host/Origin names to accept (DNS-rebinding guard).")
  Set<String> allowedHosts = Set.of();

  @Option(names = "--session-ttl", defaultValue = "PT1H", description = "Idle session lifetime, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration sessionTtl;

  @Option(names = "--max-sessions", defaultValue = "1000", description = "Session cap (default ${DEFAULT-VALUE}).")
  int maxSessions;

  @Option(names = "--log-max-bytes", description = "Rotate a project log when its current file reaches this size; 0 disables (default: env SCRIBE_LOG_MAX_BYTES, else 524288).")
  Long logMaxBytes;

  @Override
  public Integer call() throws InterruptedException {
    String t = token != null ? token : System.getenv("SCRIBE_TOKEN");
    ServerConfig config =
        ServerConfig.defaults(data.dir)
            .withHost(host)
            .withPort(port)
            .withFsync(FsyncPolicy.parse(fsync))
            .withToken(t == null || t.isBlank() ? null : t)
            .withAllowedHosts(allowedHosts)
            .withSessionLimits(sessionTtl, maxSessions)
            .withLogMaxBytes(logMaxBytes != null ? logMaxBytes : envLogMaxBytes());
    ScribeServer server = ScribeServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "scribe-shutdown"));
    System.err.println(
        "scribe: serving http://" + host + ":" + server.httpPort() + "/mcp (data " + data.dir.toAbsolutePath() + "); Ctrl-C stops");
    stopped.await();
    return 0;
  }

  private static long envLogMaxBytes() {
    String v = System.getenv("SCRIBE_LOG_MAX_BYTES");
    if (v == null || v.isBlank()) return ServerConfig.DEFAULT_LOG_MAX_BYTES;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "SCRIBE_LOG_MAX_BYTES must be a number of bytes (0 disables), got '" + v + "'");
    }
  }
}
