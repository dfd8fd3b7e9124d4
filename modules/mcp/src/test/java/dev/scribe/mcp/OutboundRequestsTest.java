package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.scribe.mcp.jsonrpc.JsonRpcResponse;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class OutboundRequestsTest {
  private final OutboundRequests requests = new OutboundRequests();

  @Test
  void ids_are_minted_per_session_and_answers_complete_their_request_once() {
    OutboundRequests.Pending a = requests.open("sampling/createMessage");
    OutboundRequests.Pending b = requests.open("elicitation/create");
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(new OutboundRequests().open("x").id()).isEqualTo(a.id()); // another session, same counter start

    assertThat(requests.deliver(new JsonRpcResponse.Result(b.id(), TextNode.valueOf("ok")))).isTrue();
    assertThat(b.answer().join().asText()).isEqualTo("ok");
    assertThat(requests.deliver(new JsonRpcResponse.Result(b.id(), TextNode.valueOf("again")))).isFalse();
    assertThat(requests.deliver(new JsonRpcResponse.Result(RequestId.of("nope"), TextNode.valueOf("?")))).isFalse();
    assertThat(requests.deliver(new JsonRpcResponse.Error(null, -1, "no id", null))).isFalse();

    assertThat(requests.deliver(new JsonRpcResponse.Error(a.id(), -1, "declined", null))).isTrue();
    assertThat(a.answer().handle((v, e) -> e).join())
        .isInstanceOf(ClientRequestException.class)
        .hasMessageContaining("sampling/createMessage")
        .hasMessageContaining("declined");
    assertThat(requests.size()).isZero();
  }

  @Test
  void closing_fails_what_waits_and_what_comes_later() {
    OutboundRequests.Pending a = requests.open("m");
    requests.closeAll();
    assertThat(a.answer().handle((v, e) -> e).join()).isInstanceOf(CancellationException.class);
    OutboundRequests.Pending late = requests.open("m");
    assertThat(late.answer().isCompletedExceptionally()).isTrue();
    assertThat(requests.size()).isZero();
  }
}
