package dev.scribe.mcp;

import static dev.scribe.mcp.testing.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcNotification;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.JsonRpcResponse;
import dev.scribe.mcp.jsonrpc.RequestId;
import org.junit.jupiter.api.Test;

class JsonRpcDecoderTest {
  private static Inbound decode(String s) {
    return McpJson.decoder().decode(utf8(s));
  }

  @Test
  void classifies_requests_notifications_and_responses() {
    assertThat(((Inbound.Single) decode("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"m\"}")).message())
        .isEqualTo(new JsonRpcRequest(RequestId.of("a"), "m", null));
    assertThat(((Inbound.Single) decode("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}")).message())
        .isInstanceOf(JsonRpcNotification.class);
    assertThat(((Inbound.Single) decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}")).message())
        .isInstanceOf(JsonRpcResponse.Result.class);
    assertThat(((Inbound.Single) decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":1,\"message\":\"x\"}}")).message())
        .isInstanceOf(JsonRpcResponse.Error.class);
  }

  @Test
  void rejects_what_is_not_json_rpc() {
    assertThat(((Inbound.Rejected) decode("")).error().code()).isEqualTo(-32700);
    assertThat(((Inbound.Rejected) decode("[]")).error().code()).isEqualTo(-32600);
    assertThat(((Inbound.Rejected) decode("42")).error().code()).isEqualTo(-32600);
    assertThat(((Inbound.Rejected) decode("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}")).error().code())
        .isEqualTo(-32600);
    assertThat(((Inbound.Rejected) decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":3}")).error().id())
        .isEqualTo(RequestId.of(1));
  }

  @Test
  void a_batch_keeps_valid_messages_and_answers_invalid_ones() {
    Inbound.Batch b = (Inbound.Batch) decode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"},{},3]");
    assertThat(b.messages()).hasSize(1);
    assertThat(b.invalid()).hasSize(2);
    assertThat(b.hasRequests()).isTrue();
  }
}
