package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.McpConnection;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.MessageSink;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same newline-delimited protocol as {@link StdioTransport}, over TCP on the loopback
 * interface: one session per connection, so any number of {@code scribe stdio} processes share the
 * one server (and its one log writer) through {@link StdioBridge}.
 *
 * <p>Protocol: UTF-8 JSON-RPC, one message per line, plus two control lines that are not JSON-RPC
 * (no {@code jsonrpc} member):
 *
 * <ul>
 *   <li>{@code {"scribe_auth":"<token>"}}: required as the first line when a token is configured;
 *       otherwise the server writes one error line ({@code -32000 Unauthorized}) and closes.
 *   <li>{@code {"scribe_eof":true}}: the client's input ended (Vert.x sockets do not support TCP
 *       half-close, so end of input is a message). Running calls finish and answer, the session
 *       closes as {@code disconnected}, then the server closes the socket.
 * </ul>
 *
 * A dropped socket closes the session at once (running calls are cancelled). A line over the cap
 * gets a {@code -32600} line and the connection is closed.
 */
public final class LoopbackServer {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackServer.class);

  private static final byte[] CONTROL_PREFIX = "{\"scribe_".getBytes(StandardCharsets.UTF_8);

  /** The control line a client sends when its input ended. */
  public static final String EOF_LINE = "{\"scribe_eof\":true}";

  /** The first line a client sends when the server has a token. */
  public static String authLine(String token) {
    return McpJson.text(McpJson.object().put("scribe_auth", token));
  }

  private final McpServer server;
  private final LoopbackConfig config;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private NetServer net;

  private LoopbackServer(McpServer server, LoopbackConfig config) {
    this.server = server;
    this.config = config;
  }

  /** Binds and starts accepting; completes with the running listener. */
  public static Future<LoopbackServer> start(Vertx vertx, McpServer server, LoopbackConfig config) {
    requireNonNull(vertx, "vertx");
    LoopbackServer s = new LoopbackServer(requireNonNull(server, "server"), requireNonNull(config, "config"));
    NetServer net =
        vertx
            .createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port()).setTcpNoDelay(true))
            .connectHandler(s::accept);
    s.net = net;
    return net.listen().map(n -> s);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return net.actualPort();
  }

  /** Open connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** Stops listening and ends every open session as {@code shutdown}. */
  public Future<Void> close() {
    for (Connection c : connections) {
      c.shutdown();
    }
    return net.close();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void accept(NetSocket socket) {
    Connection c = new Connection(Vertx.currentContext(), socket);
    connections.add(c);
    c.start();
  }

  private final class Connection implements MessageSink {
    private final Context context;
    private final NetSocket socket;
    private final McpConnection mcp;
    private final Outbox outbox;
    private boolean authenticated; // confined to the context
    private boolean finished;
    private boolean endRequested;

    Connection(Context context, NetSocket socket) {
      this.context = context;
      this.socket = socket;
      this.outbox = new Outbox(context);
      this.mcp = server.connect(this);
      this.authenticated = config.token() == null;
    }

    void start() {
      RecordParser parser = RecordParser.newDelimited("\n").maxRecordSize(config.maxLineBytes());
      parser.handler(this::line);
      parser.exceptionHandler(
          e ->
              refuse(McpJson.errorBytes(null, ErrorCodes.INVALID_REQUEST,
                  "Invalid Request: line exceeds " + config.maxLineBytes() + " bytes")));
      socket.handler(parser);
      socket.closeHandler(v -> finish(CloseReason.DISCONNECTED));
      socket.exceptionHandler(e -> LOG.debug("loopback connection failed", e));
    }

    private void refuse(byte[] error) {
      finish(CloseReason.DISCONNECTED);
      outbox.submit(() -> socket.end(Buffer.buffer(error.length + 1).appendBytes(error).appendByte((byte) '\n')));
    }

    private void line(Buffer record) {
      byte[] bytes = record.getBytes();
      int end = bytes.length;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
      if (isBlank(bytes, end)) {
        return;
      }
      if (!authenticated) {
        authenticate(bytes, end);
        return;
      }
      if (startsWith(bytes, CONTROL_PREFIX) && control(bytes, end, "scribe_eof").isPresent()) {
        endOfInput();
        return;
      }
      mcp.receive(bytes, 0, end);
    }

    private void authenticate(byte[] bytes, int end) {
      Optional<JsonNode> presented = control(bytes, end, "scribe_auth");
      String token = config.token();
      if (presented.isPresent()
          && presented.get().isTextual()
          && token != null
          && Tokens.matches(token, presented.get().textValue())) {
        authenticated = true;
        return;
      }
      refuse(McpJson.errorBytes(null, ErrorCodes.SERVER_ERROR,
          "Unauthorized: the first line must be {\"scribe_auth\":\"<token>\"}"));
    }

    private void endOfInput() {
      if (endRequested) {
        return;
      }
      endRequested = true;
      mcp.endOfInput()
          .whenComplete(
              (v, e) ->
                  outbox.submit(
                      () -> {
                        finish(CloseReason.DISCONNECTED);
                        socket.end();
                      }));
    }

    void shutdown() {
      context.runOnContext(
          v -> {
            finish(CloseReason.SHUTDOWN);
            socket.close();
          });
    }

    private void finish(CloseReason reason) {
      if (finished) {
        return;
      }
      finished = true;
      connections.remove(this);
      mcp.close(reason);
    }

    @Override
    public void send(byte[] message) {
      outbox.submit(() -> writeNow(message));
    }

    private void writeNow(byte[] message) {
      Buffer b = Buffer.buffer(message.length + 1).appendBytes(message).appendByte((byte) '\n');
      socket.write(b);
    }

    @Override
    public void close() {
      // The session ended; the socket is closed by endOfInput/shutdown.
    }

    private Optional<JsonNode> control(byte[] bytes, int end, String member) {
      try {
        JsonNode n = McpJson.mapper().readTree(bytes, 0, end);
        if (n != null && n.isObject() && !n.has("jsonrpc")) {
          return Optional.ofNullable(n.get(member));
        }
      } catch (IOException e) {
        // not a control line
      }
      return Optional.empty();
    }

    private boolean isBlank(byte[] bytes, int end) {
      for (int i = 0; i < end; i++) {
        if (bytes[i] != ' ' && bytes[i] != '\t') {
          return false;
        }
      }
      return true;
    }
  }
}
