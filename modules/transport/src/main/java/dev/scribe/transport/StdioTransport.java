package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.McpConnection;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.MessageSink;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over a byte-stream pair (stdin/stdout, or pipes in tests): newline-delimited UTF-8 JSON, one
 * session. Bytes go straight to and from Jackson, never through the platform charset, so the
 * JVM's {@code file.encoding} does not matter. Nothing but MCP messages is written to {@code out};
 * logs go to SLF4J (stderr).
 *
 * <p>A line longer than the cap is skipped and answered with {@code -32600} (id null); CR before LF
 * is tolerated; blank lines are ignored.
 */
public final class StdioTransport {
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

  /** 4 MiB, the same as the default HTTP body cap. */
  public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final McpServer server;
  private final InputStream in;
  private final OutputStream out;
  private final int maxLineBytes;

  public StdioTransport(McpServer server, InputStream in, OutputStream out, int maxLineBytes) {
    this.server = requireNonNull(server, "server");
    this.in = requireNonNull(in, "in");
    this.out = requireNonNull(out, "out");
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1024");
    }
    this.maxLineBytes = maxLineBytes;
  }

  public StdioTransport(McpServer server, InputStream in, OutputStream out) {
    this(server, in, out, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Serves the session on the calling thread until end of input, then lets running calls answer,
   * closes the session ({@code disconnected}) and returns. An I/O error on input closes the
   * session at once.
   */
  public void run() {
    LineSink sink = new LineSink(out);
    McpConnection connection = server.connect(sink);
    byte[] chunk = new byte[64 * 1024];
    byte[] line = new byte[8 * 1024];
    int length = 0;
    boolean skipping = false;
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        for (int i = 0; i < n; i++) {
          byte b = chunk[i];
          if (b != '\n') {
            if (skipping) {
              continue;
            }
            if (length == maxLineBytes) {
              skipping = true;
              sink.send(McpJson.errorBytes(null, ErrorCodes.INVALID_REQUEST,
                  "Invalid Request: line exceeds " + maxLineBytes + " bytes"));
              continue;
            }
            if (length == line.length) {
              line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
            }
            line[length++] = b;
            continue;
          }
          if (!skipping) {
            deliver(connection, line, length);
          }
          skipping = false;
          length = 0;
        }
      }
      if (!skipping) {
        deliver(connection, line, length); // a last line without its newline
      }
      connection.endOfInput().toCompletableFuture().get(1, TimeUnit.DAYS);
    } catch (IOException e) {
      LOG.warn("stdio input failed; ending the session", e);
      connection.close(CloseReason.DISCONNECTED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close(CloseReason.SHUTDOWN);
    } catch (Exception e) {
      LOG.warn("stdio session ended abnormally", e);
      connection.close(CloseReason.DISCONNECTED);
    }
  }

  private static void deliver(McpConnection connection, byte[] line, int length) {
    int end = length;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    int start = 0;
    while (start < end && (line[start] == ' ' || line[start] == '\t')) {
      start++;
    }
    if (start == end) {
      return;
    }
    // receive() decodes synchronously, so reusing the buffer afterwards is safe.
    connection.receive(line, start, end - start);
  }

  /** Writes whole messages, one per line, from any thread. */
  static final class LineSink implements MessageSink {
    private final OutputStream out;
    private boolean broken;

    LineSink(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void send(byte[] message) {
      if (broken) {
        return;
      }
      try {
        out.write(message);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        broken = true;
        LOG.warn("stdio output failed; further messages are dropped", e);
      }
    }

    @Override
    public synchronized void close() {
      try {
        out.flush();
      } catch (IOException e) {
        broken = true;
      }
    }
  }
}
