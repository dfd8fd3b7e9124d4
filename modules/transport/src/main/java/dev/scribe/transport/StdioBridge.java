package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@code scribe stdio}: connects stdin/stdout to the running server's {@link LoopbackServer}, so
 * the stdio client shares the server's one log writer. Plain JDK sockets; no Vert.x, no logging.
 * Only bytes received from the server reach {@code out}, so stdout carries nothing but MCP
 * messages.
 *
 * <p>On end of input the bridge sends {@link LoopbackServer#EOF_LINE}; the server answers what is
 * still running, ends the session and closes the socket, and {@link #run} returns 0.
 */
public final class StdioBridge {
  private final String host;
  private final int port;
  private final @Nullable String token;

  /**
   * @param token the server's token, or null when it has none
   */
  public StdioBridge(String host, int port, @Nullable String token) {
    this.host = requireNonNull(host, "host");
    this.port = port;
    this.token = token;
  }

  /**
   * Pipes {@code in} to the server and the server to {@code out} until the server closes the
   * connection.
   *
   * @return 0 when the server ended the connection, 1 if it could not be reached or the connection
   *     broke
   */
  public int run(InputStream in, OutputStream out) {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 10_000);
      OutputStream toServer = socket.getOutputStream();
      if (token != null) {
        toServer.write((LoopbackServer.authLine(token) + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
      }
      Thread pump = new Thread(() -> pumpInput(in, toServer), "scribe-bridge-stdin");
      pump.setDaemon(true); // a blocked stdin read must not keep the process alive
      pump.start();
      InputStream fromServer = socket.getInputStream();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = fromServer.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      return 0;
    } catch (IOException e) {
      System.err.println("scribe stdio: connection to " + host + ":" + port + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static void pumpInput(InputStream in, OutputStream toServer) {
    byte[] buf = new byte[64 * 1024];
    boolean lineOpen = false;
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (n > 0) {
          toServer.write(buf, 0, n);
          toServer.flush();
          lineOpen = buf[n - 1] != '\n';
        }
      }
      String eof = (lineOpen ? "\n" : "") + LoopbackServer.EOF_LINE + "\n";
      toServer.write(eof.getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      // The server went away; the reading side sees it too and returns.
    }
  }

  /** {@code StdioBridge <port> [host]}; the token comes from {@code SCRIBE_TOKEN}. For tests and tools. */
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    String token = System.getenv("SCRIBE_TOKEN");
    int code =
        new StdioBridge(host, port, token == null || token.isBlank() ? null : token)
            .run(System.in, System.out);
    System.exit(code);
  }
}
