package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.RequestId;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionRegistryTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final MutableClock clock = MutableClock.fixed();
  private final RecordingObserver observer = new RecordingObserver();
  private final McpServer server =
      TestServers.server(new TestTools().registry(), observer, executor, clock);
  private final SessionRegistry sessions =
      server.newSessionRegistry(new SessionLimits(Duration.ofMinutes(10), 3));

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private McpSession open() throws Exception {
    JsonNode params =
        McpJson.parseObject("{\"protocolVersion\":\"2025-11-25\",\"clientInfo\":{\"name\":\"c\",\"version\":\"2\"}}");
    InitOutcome o =
        sessions
            .initialize(new JsonRpcRequest(RequestId.of(0), "initialize", params))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return ((InitOutcome.Opened) o).session();
  }

  @Test
  void an_idle_session_expires_at_the_ttl_and_is_unknown_afterwards() throws Exception {
    McpSession s = open();
    clock.advance(Duration.ofMinutes(9));
    assertThat(sessions.sweep()).isEmpty();
    assertThat(sessions.find(s.id())).isPresent(); // touched: the TTL restarts
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.sweep()).containsExactly(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(s.isClosed()).isTrue();
    observer.next(RecordingObserver.Opened.class);
    assertThat(observer.next(RecordingObserver.Closed.class))
        .isEqualTo(new RecordingObserver.Closed(s.id(), CloseReason.EXPIRED));
  }

  @Test
  void a_session_with_an_open_stream_is_not_idle() throws Exception {
    McpSession s = open();
    dev.scribe.mcp.testing.Wire stream = new dev.scribe.mcp.testing.Wire();
    assertThat(s.attachStream(stream)).isTrue();
    assertThat(s.attachStream(new dev.scribe.mcp.testing.Wire())).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(sessions.sweep()).isEmpty();
    s.detachStream(stream);
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.sweep()).containsExactly(s.id());
  }

  @Test
  void the_cap_evicts_the_least_recently_active_session() throws Exception {
    McpSession a = open();
    clock.advance(Duration.ofSeconds(1));
    McpSession b = open();
    clock.advance(Duration.ofSeconds(1));
    McpSession c = open();
    clock.advance(Duration.ofSeconds(1));
    sessions.find(a.id()); // a is now the most recent
    McpSession d = open();
    assertThat(sessions.ids()).containsExactlyInAnyOrder(a.id(), c.id(), d.id());
    assertThat(sessions.find(b.id())).isEmpty();
    assertThat(observer.next(RecordingObserver.Closed.class))
        .isEqualTo(new RecordingObserver.Closed(b.id(), CloseReason.EVICTED));
  }

  @Test
  void a_restored_session_behaves_like_an_initialized_one_and_others_stay_unknown() throws Exception {
    McpSession r =
        sessions.restore(new RestoredSession("restored-1", "2025-03-26", new ClientInfo("old", "1")));
    assertThat(sessions.find("restored-1")).containsSame(r);
    assertThat(r.allowsBatches()).isTrue();
    assertThat(sessions.find("never-issued")).isEmpty();
    assertThat(sessions.close("restored-1", CloseReason.DELETED)).isTrue();
    assertThat(sessions.close("restored-1", CloseReason.DELETED)).isFalse();
    assertThat(sessions.find("restored-1")).isEmpty();
    assertThat(observer.all()).containsExactly(new RecordingObserver.Closed("restored-1", CloseReason.DELETED));
  }

  @Test
  void closing_a_session_cancels_its_running_calls() throws Exception {
    TestTools tools = new TestTools();
    McpServer srv = TestServers.server(tools.registry(), observer, executor, clock);
    SessionRegistry reg = srv.newSessionRegistry(SessionLimits.defaults());
    JsonNode params = McpJson.parseObject("{\"protocolVersion\":\"2025-11-25\"}");
    McpSession s =
        ((InitOutcome.Opened)
                reg.initialize(new JsonRpcRequest(RequestId.of(0), "initialize", params))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS))
            .session();
    java.util.concurrent.CompletableFuture<String> abandoned = new java.util.concurrent.CompletableFuture<>();
    s.receive(
        srv.decode(dev.scribe.mcp.testing.Wire.utf8(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}")),
        new ResponseChannel() {
          @Override
          public boolean notify(byte[] message) {
            return true;
          }

          @Override
          public void respond(byte[] message) {
            abandoned.complete("responded");
          }

          @Override
          public void abandon() {
            abandoned.complete("abandoned");
          }
        });
    tools.started.poll(30, TimeUnit.SECONDS);
    reg.close(s.id(), CloseReason.DELETED);
    assertThat(abandoned.get(30, TimeUnit.SECONDS)).isEqualTo("abandoned");
    assertThat(observer.next(ToolInvocation.class).outcome()).isEqualTo(ToolOutcome.CANCELLED);
  }
}
