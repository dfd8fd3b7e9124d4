package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.StdioPeer;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.mcp.testing.Wire;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Resources, prompts and completion through the engine (no socket). */
@Timeout(60)
class ServerFeaturesTest {
  private final ExecutorService executor = TestServers.toolExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private McpServer server(boolean withFeatures) {
    McpServer.Builder b =
        McpServer.builder()
            .serverInfo(new ServerInfo("t", "1", null))
            .tools(new TestTools().registry())
            .executor(executor)
            .clock(MutableClock.fixed())
            .sessionIds(new dev.scribe.mcp.testing.Ids("s"))
            .executionIds(new dev.scribe.mcp.testing.Ids("e"));
    if (withFeatures) {
      b.resources(resources()).prompts(prompts()).completions(completions());
    }
    return b.build();
  }

  private static ResourceRegistry resources() {
    return ResourceRegistry.builder()
        .add(Resource.of("test://text", "Text", "a text", "text/plain"),
            (uri, vars) -> List.of(new ResourceContents.Text(uri, "text/plain", "hello")))
        .add(Resource.of("test://bin", "Bin", "bytes", "application/octet-stream"),
            (uri, vars) -> List.of(ResourceContents.Blob.of(uri, "application/octet-stream", new byte[] {1, 2, 3})))
        .add(Resource.of("test://gone", "Gone", "reader says not found", "text/plain"),
            (uri, vars) -> {
              throw new java.util.NoSuchElementException("gone");
            })
        .addTemplate(ResourceTemplate.of("test://items/{id}/data", "Item", "one item", "application/json"),
            (uri, vars) -> List.of(new ResourceContents.Text(uri, "application/json", "{\"id\":\"" + vars.get("id") + "\"}")))
        .build();
  }

  private static PromptRegistry prompts() {
    return PromptRegistry.builder()
        .add(PromptDefinition.of("greet", "Greets someone", new PromptArgument("who", "whom", true),
                new PromptArgument("tone", null, false)),
            args -> PromptResult.of(PromptMessage.user(new Content.Text("Hello " + args.get("who")
                + (args.containsKey("tone") ? " (" + args.get("tone") + ")" : "")))))
        .build();
  }

  private static CompletionHandler completions() {
    return r -> r.ref() instanceof CompletionRef.PromptRef p && p.name().equals("greet")
        ? Completion.of(List.of("alice", "albert", "bob").stream().filter(v -> v.startsWith(r.argumentValue())).toList())
        : Completion.EMPTY;
  }

  @Test
  void a_server_without_features_advertises_and_serves_none_of_them() throws Exception {
    StdioPeer peer = new StdioPeer(server(false));
    JsonNode caps = peer.initialize("{}").at("/result/capabilities");
    assertThat(caps.has("resources")).isFalse();
    assertThat(caps.has("prompts")).isFalse();
    assertThat(caps.has("completions")).isFalse();
    for (String m : List.of("resources/list", "resources/read", "prompts/list", "completion/complete")) {
      assertThat(peer.request(1, m, "{}").at("/error/code").asInt()).as(m).isEqualTo(-32601);
    }
  }

  @Test
  void empty_registries_count_as_no_feature() throws Exception {
    McpServer s =
        McpServer.builder()
            .serverInfo(new ServerInfo("t", "1", null))
            .tools(new TestTools().registry())
            .resources(ResourceRegistry.builder().build())
            .prompts(PromptRegistry.builder().build())
            .executor(executor)
            .clock(MutableClock.fixed())
            .sessionIds(new dev.scribe.mcp.testing.Ids("s"))
            .executionIds(new dev.scribe.mcp.testing.Ids("e"))
            .build();
    JsonNode caps = new StdioPeer(s).initialize("{}").at("/result/capabilities");
    assertThat(caps.has("resources")).isFalse();
    assertThat(caps.has("prompts")).isFalse();
  }

  @Test
  void capabilities_are_advertised_when_features_are_registered() throws Exception {
    JsonNode caps = new StdioPeer(server(true)).initialize("{}").at("/result/capabilities");
    assertThat(caps.at("/resources/subscribe").asBoolean()).isTrue();
    assertThat(caps.get("prompts").isObject()).isTrue();
    assertThat(caps.get("completions").isObject()).isTrue();
    assertThat(caps.get("tools").isObject()).isTrue();
  }

  @Test
  void resources_are_listed_and_read() throws Exception {
    StdioPeer peer = new StdioPeer(server(true));
    peer.initialize("{}");
    JsonNode list = peer.request(1, "resources/list", "{}").get("result");
    assertThat(list.get("resources")).hasSize(3);
    assertThat(list.at("/resources/0/uri").asText()).isEqualTo("test://text");
    assertThat(list.at("/resources/0/name").asText()).isEqualTo("Text");
    assertThat(list.at("/resources/0/mimeType").asText()).isEqualTo("text/plain");
    assertThat(list.at("/resources/0").has("title")).isFalse();
    JsonNode templates = peer.request(2, "resources/templates/list", "{}").get("result");
    assertThat(templates.at("/resourceTemplates/0/uriTemplate").asText()).isEqualTo("test://items/{id}/data");

    JsonNode text = peer.request(3, "resources/read", "{\"uri\":\"test://text\"}").at("/result/contents/0");
    assertThat(text.get("text").asText()).isEqualTo("hello");
    assertThat(text.get("uri").asText()).isEqualTo("test://text");
    JsonNode bin = peer.request(4, "resources/read", "{\"uri\":\"test://bin\"}").at("/result/contents/0");
    assertThat(bin.get("blob").asText()).isEqualTo("AQID");
    assertThat(bin.has("text")).isFalse();
    JsonNode item = peer.request(5, "resources/read", "{\"uri\":\"test://items/42/data\"}").at("/result/contents/0");
    assertThat(item.get("text").asText()).isEqualTo("{\"id\":\"42\"}");
    assertThat(item.get("uri").asText()).isEqualTo("test://items/42/data");
  }

  @Test
  void unknown_resources_and_bad_params_are_protocol_errors() throws Exception {
    StdioPeer peer = new StdioPeer(server(true));
    peer.initialize("{}");
    JsonNode missing = peer.request(1, "resources/read", "{\"uri\":\"test://nope\"}");
    assertThat(missing.at("/error/code").asInt()).isEqualTo(-32002);
    assertThat(missing.at("/error/data/uri").asText()).isEqualTo("test://nope");
    assertThat(peer.request(2, "resources/read", "{\"uri\":\"test://gone\"}").at("/error/code").asInt()).isEqualTo(-32002);
    // A template variable never spans a '/'.
    assertThat(peer.request(3, "resources/read", "{\"uri\":\"test://items/a/b/data\"}").at("/error/code").asInt()).isEqualTo(-32002);
    assertThat(peer.request(4, "resources/read", "{}").at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(peer.request(5, "resources/list", "{\"cursor\":\"x\"}").at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(peer.request(6, "resources/subscribe", "{\"uri\":\"test://nope\"}").at("/error/code").asInt()).isEqualTo(-32002);
  }

  @Test
  void subscriptions_are_per_session_and_updates_go_to_the_stream() throws Exception {
    McpServer s = server(true);
    StdioPeer a = new StdioPeer(s);
    StdioPeer b = new StdioPeer(s);
    a.initialize("{}");
    b.initialize("{}");
    assertThat(a.request(1, "resources/subscribe", "{\"uri\":\"test://items/7/data\"}").get("result").isEmpty()).isTrue();
    McpSession sa = a.connection.session().orElseThrow();
    McpSession sb = b.connection.session().orElseThrow();
    assertThat(sa.isSubscribed("test://items/7/data")).isTrue();
    assertThat(sb.isSubscribed("test://items/7/data")).isFalse();

    Wire stream = new Wire();
    assertThat(sa.attachStream(stream)).isTrue();
    assertThat(sa.resourceUpdated("test://items/7/data")).isTrue();
    JsonNode n = stream.next();
    assertThat(n.get("method").asText()).isEqualTo("notifications/resources/updated");
    assertThat(n.at("/params/uri").asText()).isEqualTo("test://items/7/data");
    assertThat(sb.resourceUpdated("test://items/7/data")).isFalse();

    assertThat(a.request(2, "resources/unsubscribe", "{\"uri\":\"test://items/7/data\"}").get("result").isEmpty()).isTrue();
    assertThat(sa.isSubscribed("test://items/7/data")).isFalse();
    assertThat(sa.resourceUpdated("test://items/7/data")).isFalse();
  }

  @Test
  void prompts_are_listed_and_rendered_with_their_arguments() throws Exception {
    StdioPeer peer = new StdioPeer(server(true));
    peer.initialize("{}");
    JsonNode p = peer.request(1, "prompts/list", "{}").at("/result/prompts/0");
    assertThat(p.get("name").asText()).isEqualTo("greet");
    assertThat(p.get("description").asText()).isEqualTo("Greets someone");
    assertThat(p.at("/arguments/0/required").asBoolean()).isTrue();
    assertThat(p.at("/arguments/1/required").asBoolean()).isFalse();
    assertThat(p.at("/arguments/1").has("description")).isFalse();

    JsonNode got = peer.request(2, "prompts/get", "{\"name\":\"greet\",\"arguments\":{\"who\":\"Ada\",\"tone\":\"warm\"}}");
    assertThat(got.at("/result/messages/0/role").asText()).isEqualTo("user");
    assertThat(got.at("/result/messages/0/content/type").asText()).isEqualTo("text");
    assertThat(got.at("/result/messages/0/content/text").asText()).isEqualTo("Hello Ada (warm)");
  }

  @Test
  void prompt_faults_are_invalid_params() throws Exception {
    StdioPeer peer = new StdioPeer(server(true));
    peer.initialize("{}");
    assertThat(peer.request(1, "prompts/get", "{\"name\":\"nope\"}").at("/error/code").asInt()).isEqualTo(-32602);
    JsonNode missing = peer.request(2, "prompts/get", "{\"name\":\"greet\"}");
    assertThat(missing.at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(missing.at("/error/message").asText()).contains("who");
    assertThat(peer.request(3, "prompts/get", "{\"name\":\"greet\",\"arguments\":{\"who\":1}}").at("/error/code").asInt()).isEqualTo(-32602);
  }

  @Test
  void completion_answers_values_and_checks_its_params() throws Exception {
    StdioPeer peer = new StdioPeer(server(true));
    peer.initialize("{}");
    JsonNode c = peer.request(1, "completion/complete",
        "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"who\",\"value\":\"al\"}}");
    assertThat(c.at("/result/completion/values")).extracting(JsonNode::asText).containsExactly("alice", "albert");
    assertThat(c.at("/result/completion/total").asInt()).isEqualTo(2);
    assertThat(c.at("/result/completion/hasMore").asBoolean()).isFalse();
    JsonNode other = peer.request(2, "completion/complete",
        "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://items/{id}/data\"},\"argument\":{\"name\":\"id\",\"value\":\"\"},"
            + "\"context\":{\"arguments\":{\"x\":\"y\"}}}");
    assertThat(other.at("/result/completion/values")).isEmpty();
    assertThat(peer.request(3, "completion/complete", "{\"ref\":{\"type\":\"ref/tool\"},\"argument\":{\"name\":\"a\",\"value\":\"b\"}}")
        .at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(peer.request(4, "completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"}}")
        .at("/error/code").asInt()).isEqualTo(-32602);
  }

  @Test
  void a_completion_keeps_at_most_100_values() {
    List<String> many = java.util.stream.IntStream.range(0, 150).mapToObj(Integer::toString).toList();
    Completion c = Completion.of(many);
    assertThat(c.values()).hasSize(100);
    assertThat(c.total()).isEqualTo(150);
    assertThat(c.hasMore()).isTrue();
  }
}
