package dev.scribe.cli;

import dev.scribe.server.DataDirectory;
import dev.scribe.server.ServerInfo;
import dev.scribe.transport.StdioBridge;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * MCP over stdin/stdout for clients that launch a command. It does not open the log: it bridges
 * to the one running server of the data directory over loopback, starting that server in the
 * background when none runs, so any number of stdio clients share one writer. Nothing but MCP
 * messages goes to stdout.
 */
@Command(name = "stdio", description = "MCP over stdin/stdout, bridged to the running server (started if needed).")
final class StdioCommand implements Callable<Integer> {
  private static final long START_TIMEOUT_MS = 60_000;

  @Mixin DataOption data;

  @Option(names = "--port", defaultValue = "0", description = "HTTP port for a server this command starts (default: any free port).")
  int port;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return bridge(data.dir, port, System.in, System.out);
  }

  /**
   * Bridges {@code in}/{@code out} to the server of {@code dataDir}, starting one (HTTP on {@code
   * httpPort}, 0 = any) when none runs. Returns when the server ends the session.
   */
  static int bridge(Path dataDir, int httpPort, java.io.InputStream in, java.io.OutputStream out)
      throws IOException, InterruptedException {
    Path dir = dataDir.toAbsolutePath().normalize();
    ServerInfo info = running(dir).orElse(null);
    if (info == null) info = startServer(dir, httpPort);
    String token = info.tokenRequired() ? DataDirectory.readToken(dir).orElse(null) : null;
    return new StdioBridge("127.0.0.1", info.stdioPort(), token).run(in, out);
  }

  /** The server of {@code dir}, if one runs and answers on its loopback port. */
  static Optional<ServerInfo> running(Path dir) {
    return DataDirectory.readServerInfo(dir)
        .filter(i -> ProcessHandle.of(i.pid()).map(ProcessHandle::isAlive).orElse(false))
        .filter(i -> reachable(i.stdioPort()));
  }

  private static boolean reachable(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts {@code scribe serve} for {@code dir} as a background process with this JVM's flags and
   * class path, and waits for it to publish {@code server.json}. Two bridges starting at once is
   * fine: the data directory lock lets one server win, and both connect to it.
   */
  private static ServerInfo startServer(Path dir, int port) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ScribeMain.class.getName());
    cmd.add("serve");
    cmd.add("--data");
    cmd.add(dir.toString());
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    Path logFile = dir.resolve("server.log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    System.err.println("scribe stdio: started a server (pid " + p.pid() + ", log " + logFile + ")");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      Optional<ServerInfo> info = running(dir);
      if (info.isPresent()) return info.get();
      if (!p.isAlive() && DataDirectory.readServerInfo(dir).isEmpty()) {
        // It lost the race for the lock to another starter, or failed: wait for the winner a bit.
        Optional<ServerInfo> other = awaitOther(dir, deadline);
        if (other.isPresent()) return other.get();
        throw new IOException("the server did not start; see " + logFile);
      }
      p.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IOException("the server did not start within 60 s; see " + logFile);
  }

  private static Optional<ServerInfo> awaitOther(Path dir, long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      Optional<ServerInfo> info = running(dir);
      if (info.isPresent()) return info;
      if (DataDirectory.holderPid(dir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
        Thread.sleep(100);
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
