package dev.scribe.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.McpJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixture over a real socket, with plain JSON requests: what it advertises and the fixtures a
 * few scenarios read. The full check is the conformance suite itself (.ci/conformance-fixture.sh).
 */
@Timeout(60)
class ConformanceServerTest {
  private final ConformanceServer server = ConformanceServer.start(0);
  private final HttpClient client = HttpClient.newHttpClient();
  private String session;

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode post(String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    r.headers().firstValue("Mcp-Session-Id").ifPresent(s -> session = s);
    return McpJson.mapper().readTree(r.body());
  }

  private JsonNode request(String method, String params) throws Exception {
    return post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
  }

  @Test
  void it_advertises_every_feature_and_serves_the_fixtures() throws Exception {
    JsonNode init = request("initialize",
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
    JsonNode caps = init.at("/result/capabilities");
    for (String feature : new String[] {"tools", "resources", "prompts", "completions", "logging"}) {
      assertThat(caps.get(feature)).as(feature).isNotNull();
    }
    assertThat(server.url()).startsWith("http://localhost:");

    JsonNode tools = request("tools/list", "{}").at("/result/tools");
    assertThat(tools).extracting(t -> t.get("name").asText()).contains(
        "test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
        "test_multiple_content_types", "test_tool_with_logging", "test_error_handling",
        "test_tool_with_progress", "test_sampling", "test_elicitation",
        "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums", "json_schema_2020_12_tool");
    assertThat(tools).allSatisfy(t -> assertThat(t.has("outputSchema")).isFalse());

    JsonNode audio = request("tools/call", "{\"name\":\"test_audio_content\",\"arguments\":{}}").at("/result/content/0");
    assertThat(audio.get("mimeType").asText()).isEqualTo("audio/wav");
    assertThat(java.util.Base64.getDecoder().decode(audio.get("data").asText())).startsWith('R', 'I', 'F', 'F');

    JsonNode error = request("tools/call", "{\"name\":\"test_error_handling\",\"arguments\":{}}").get("result");
    assertThat(error.get("isError").asBoolean()).isTrue();

    JsonNode item = request("resources/read", "{\"uri\":\"test://template/123/data\"}").at("/result/contents/0");
    assertThat(item.get("text").asText()).contains("123");

    JsonNode prompt = request("prompts/get",
        "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"x1\",\"arg2\":\"y2\"}}");
    assertThat(prompt.at("/result/messages/0/content/text").asText()).contains("x1").contains("y2");

    // The client declared no sampling capability: the tool fails instead of asking.
    JsonNode sampling = request("tools/call", "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"p\"}}");
    assertThat(sampling.at("/result/isError").asBoolean()).isTrue();
  }
}
