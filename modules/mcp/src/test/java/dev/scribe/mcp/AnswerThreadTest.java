package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.RequestId;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.mcp.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which thread hands a {@code tools/call} answer to its channel when the call's recording completes
 * later, on the recorder's thread (the event log's single writer in production): that thread for a
 * channel that never blocks (one hop less per call), the tool executor for any other, so a blocking
 * channel (stdio) can never stall the log writer.
 */
@Timeout(60)
class AnswerThreadTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final ExecutorService recorder =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "test-recorder"));
  /** Recordings of finished calls, completed only when the test says so. */
  private final BlockingQueue<CompletableFuture<Void>> recordings = new LinkedBlockingQueue<>();

  private final SessionObserver observer =
      new SessionObserver() {
        @Override
        public CompletionStage<Void> sessionOpened(
            String sessionId, TransportKind transport, ClientInfo client, String protocolVersion) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> toolInvoked(ToolInvocation invocation) {
          CompletableFuture<Void> recorded = new CompletableFuture<>();
          recordings.add(recorded);
          return recorded;
        }
      };

  private final McpServer server =
      TestServers.server(new TestTools().registry(), observer, executor, MutableClock.fixed());

  @AfterEach
  void stop() {
    executor.shutdownNow();
    recorder.shutdownNow();
  }

  /** A channel that notes the thread and the message of the response. */
  private static final class NotingChannel implements ResponseChannel {
    final CompletableFuture<String> thread = new CompletableFuture<>();
    volatile String message;
    private final boolean neverBlocks;

    NotingChannel(boolean neverBlocks) {
      this.neverBlocks = neverBlocks;
    }

    @Override
    public boolean notify(byte[] m) {
      return false;
    }

    @Override
    public void respond(byte[] m) {
      message = new String(m, StandardCharsets.UTF_8);
      thread.complete(Thread.currentThread().getName());
    }

    @Override
    public void abandon() {
      thread.complete("abandoned on " + Thread.currentThread().getName());
    }

    @Override
    public boolean neverBlocks() {
      return neverBlocks;
    }
  }

  private String answerThread(NotingChannel channel) throws Exception {
    JsonNode params = McpJson.parseObject("{\"protocolVersion\":\"2025-11-25\"}");
    McpSession session =
        ((InitOutcome.Opened)
                server
                    .newSessionRegistry(SessionLimits.defaults())
                    .initialize(new JsonRpcRequest(RequestId.of(0), "initialize", params))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS))
            .session();
    session.receive(
        server.decode(
            Wire.utf8(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"hi\"}}}")),
        channel);
    CompletableFuture<Void> recording = recordings.poll(30, TimeUnit.SECONDS);
    assertThat(recording).as("the call was recorded").isNotNull();
    assertThat(channel.thread).as("no answer before the recording completes").isNotDone();
    recorder.execute(() -> recording.complete(null));
    String thread = channel.thread.get(30, TimeUnit.SECONDS);
    JsonNode answer = McpJson.parseObject(channel.message);
    assertThat(answer.get("id").asInt()).isEqualTo(7);
    assertThat(answer.at("/result/structuredContent/echo").asText()).isEqualTo("hi");
    return thread;
  }

  @Test
  void a_channel_that_never_blocks_gets_the_answer_on_the_recorders_thread() throws Exception {
    assertThat(answerThread(new NotingChannel(true))).isEqualTo("test-recorder");
  }

  @Test
  void any_other_channel_gets_the_answer_from_the_tool_executor() throws Exception {
    assertThat(answerThread(new NotingChannel(false))).startsWith("scribe-test-tool-");
  }
}
