package dev.scribe.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The load generator's floor: the same HTTP stack as Scribe (Vert.x 5, two event loops, keep-alive
 * on 127.0.0.1) answering the generator's MCP messages with the least work a server can do: parse
 * the JSON-RPC message, answer {@code initialize} with a session id, a notification with 202 and
 * any request with a fixed tool result, all on the event loop. No session checks, no tool thread,
 * no event log. Run side by side with Scribe, it shows what the machine itself costs per call (its
 * latency tail above all), so Scribe's figures can be read as a ratio to it (BENCHMARKS.md).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.scribe.bench.load.FloorServer PORT_FILE}; it
 * listens on a free port, writes the port to PORT_FILE and serves until killed.
 */
public final class FloorServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FloorServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: FloorServer PORT_FILE");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              try {
                                answer(req.response(), body);
                              } catch (IOException e) {
                                req.response().setStatusCode(400).end(e.getMessage());
                              }
                            }));
    int port = server.listen().await().actualPort();
    Path file = Path.of(args[0]);
    Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), Integer.toString(port));
    Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file);
    System.err.println("floor server on 127.0.0.1:" + port);
  }

  private static void answer(io.vertx.core.http.HttpServerResponse response, Buffer body)
      throws IOException {
    JsonNode message = JSON.readTree(body.getBytes());
    JsonNode id = message.get("id");
    if (id == null) {
      response.setStatusCode(202).end();
      return;
    }
    ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", id);
    ObjectNode result = out.putObject("result");
    if ("initialize".equals(message.path("method").asText())) {
      result.put("protocolVersion", "2025-11-25");
      result.putObject("capabilities").putObject("tools");
      result.putObject("serverInfo").put("name", "floor").put("version", "1");
      response.putHeader("Mcp-Session-Id", UUID.randomUUID().toString());
    } else {
      result.putArray("content").addObject().put("type", "text").put("text", "ok");
      result.putObject("structuredContent").put("ok", true);
    }
    response
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(JSON.writeValueAsBytes(out)));
  }
}
