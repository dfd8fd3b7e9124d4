package dev.scribe.server.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One MCP session against a test server, through the official Java SDK client over Streamable
 * HTTP: what an agent does, as an agent does it.
 */
public final class McpTestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncClient client;
  private final String name;
  private final Supplier<String> sessionIdLookup;
  private String sessionId;

  McpTestClient(String url, String name, java.util.function.Function<String, String> sessionOf) {
    this.name = name;
    this.client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(url)
                    .endpoint("/mcp")
                    .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .clientInfo(McpSchema.Implementation.builder(name, "1.0").build())
            .build();
    client.initialize();
    this.sessionIdLookup = () -> sessionOf.apply(name);
  }

  /** The client name this session announced (unique per test client). */
  public String name() {
    return name;
  }

  /** The server-minted session id (read from the session's SessionOpened event). */
  public String sessionId() {
    if (sessionId == null) sessionId = sessionIdLookup.get();
    return sessionId;
  }

  /** Calls {@code tool} with arguments given as JSON text, e.g. {@code {"name":"p"}}. */
  public ToolReply call(String tool, String argumentsJson) {
    try {
      Map<String, Object> args =
          argumentsJson.isBlank()
              ? Map.of()
              : JSON.readValue(argumentsJson, new TypeReference<LinkedHashMap<String, Object>>() {});
      return call(tool, args);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad test arguments: " + argumentsJson, e);
    }
  }

  /** Calls {@code tool} with no arguments. */
  public ToolReply call(String tool) {
    return call(tool, Map.of());
  }

  /** Calls {@code tool} with {@code arguments}. */
  public ToolReply call(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult r =
        client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build());
    JsonNode structured =
        r.structuredContent() == null ? JSON.createObjectNode() : JSON.valueToTree(r.structuredContent());
    String text = "";
    List<McpSchema.Content> content = r.content();
    if (content != null) {
      for (McpSchema.Content c : content) {
        if (c instanceof McpSchema.TextContent t) {
          text = t.text();
          break;
        }
      }
    }
    return new ToolReply(Boolean.TRUE.equals(r.isError()), structured, text);
  }

  /** The tools the server lists. */
  public List<McpSchema.Tool> listTools() {
    return client.listTools().tools();
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
