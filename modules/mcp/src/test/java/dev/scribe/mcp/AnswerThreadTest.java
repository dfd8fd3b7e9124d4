package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.RequestId;
import dev.scribe.mcp.testing.Ids;
import dev.scribe.mcp.testing.MutableClock;
import dev.scribe.mcp.testing.RecordingObserver;
import dev.scribe.mcp.testing.TestServers;
import dev.scribe.mcp.testing.TestTools;
import dev.scribe.mcp.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which threads run a {@code tools/call}.
 *
 * <ul>
 *   <li>The answer, when the call's recording completes later on the recorder's thread (the event
 *       log's single writer in production): that thread hands it to a channel that never blocks
 *       (one hop less per call); the tool executor to any other, so a blocking channel (stdio)
 *       never stalls the log writer.
 *   <li>The handler: on the receiving thread when it never blocks, the channel never blocks and
 *       the gate answers at once; on the executor otherwise.
 * </ul>
 */
@Timeout(60)
class AnswerThreadTest {
  private final ExecutorService executor = TestServers.toolExecutor();
  private final ExecutorService recorder =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "test-recorder"));
  /** Recordings of finished calls, completed only when the test says so. */
  private final BlockingQueue<Recording> recordings = new LinkedBlockingQueue<>();

  /**
   * A recording that tells when the engine has attached what follows it: completed before that,
   * the engine would go on on its own thread, and the test would not see the recorder's thread.
   */
  private static final class Recording extends CompletableFuture<Void> {
    final CountDownLatch attached = new CountDownLatch(1);

    @Override
    public <U> CompletableFuture<U> handleAsync(
        BiFunction<? super Void, Throwable, ? extends U> fn, Executor executor) {
      CompletableFuture<U> next = super.handleAsync(fn, executor);
      attached.countDown();
      return next;
    }

    /** Completes it on {@code thread} once the engine waits for it. */
    void completeOn(Executor thread) throws InterruptedException {
      assertThat(attached.await(30, TimeUnit.SECONDS)).as("the engine waits for the recording").isTrue();
      thread.execute(() -> complete(null));
    }
  }

  private final SessionObserver observer =
      new RecordingObserver(
          () -> {
            Recording recorded = new Recording();
            recordings.add(recorded);
            return recorded;
          });

  /** Threads the handlers ran on. */
  private final BlockingQueue<String> handlerThreads = new LinkedBlockingQueue<>();
  /** What the gate answers at once (null: it does not). */
  private volatile ToolGate.AtOnce atOnce = new ToolGate.AtOnce.Answer(Optional.empty());

  private final ToolGate gate =
      new ToolGate() {
        @Override
        public Optional<ToolResult> refusal(ToolCall call) {
          return atOnce instanceof ToolGate.AtOnce.Answer a ? a.refusal() : Optional.empty();
        }

        @Override
        public AtOnce refusalAtOnce(ToolCall call) {
          return atOnce;
        }
      };

  private final McpServer server =
      McpServer.builder()
          .serverInfo(new ServerInfo("t", "1", null))
          .tools(
              new TestTools()
                  .builder()
                  .add(noted("quick"), ToolHandler.neverBlocking(this::note))
                  .add(noted("slow"), this::note)
                  .build())
          .observer(observer)
          .gate(gate)
          .executor(executor)
          .clock(MutableClock.fixed())
          .sessionIds(new Ids("s"))
          .executionIds(new Ids("e"))
          .build();

  private static ToolDefinition noted(String name) {
    return ToolDefinition.contentTool(
        name, "Notes its thread", McpJson.parseObject("{\"type\":\"object\"}"), ToolAnnotations.forReads());
  }

  private CompletionStage<ToolResult> note(ToolCall call) {
    handlerThreads.add(Thread.currentThread().getName());
    return CompletableFuture.completedFuture(ToolResult.content(new Content.Text("noted")));
  }

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

  private McpSession open() throws Exception {
    JsonNode params = McpJson.parseObject("{\"protocolVersion\":\"2025-11-25\"}");
    return ((InitOutcome.Opened)
            server
                .newSessionRegistry(SessionLimits.defaults())
                .initialize(new JsonRpcRequest(RequestId.of(0), "initialize", params))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS))
        .session();
  }

  private static Inbound call(McpServer server, int id, String tool, String arguments) {
    return server.decode(
        Wire.utf8(
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + arguments + "}}"));
  }

  private String answerThread(NotingChannel channel) throws Exception {
    open().receive(call(server, 7, "echo", "{\"message\":\"hi\"}"), channel);
    Recording recording = recordings.poll(30, TimeUnit.SECONDS);
    assertThat(recording).as("the call was recorded").isNotNull();
    assertThat(channel.thread).as("no answer before the recording completes").isNotDone();
    recording.completeOn(recorder);
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

  /** The thread the handler of {@code tool} ran on, called from a thread named "transport". */
  private String handlerThread(String tool, boolean channelNeverBlocks) throws Exception {
    McpSession session = open();
    NotingChannel channel = new NotingChannel(channelNeverBlocks);
    Thread transport =
        new Thread(() -> session.receive(call(server, 3, tool, "{}"), channel), "transport");
    transport.start();
    transport.join(30_000);
    String thread = handlerThreads.poll(30, TimeUnit.SECONDS);
    assertThat(thread).as("the handler ran").isNotNull();
    recordings.poll(30, TimeUnit.SECONDS).complete(null);
    assertThat(channel.thread.get(30, TimeUnit.SECONDS)).doesNotStartWith("abandoned");
    return thread;
  }

  @Test
  void a_handler_that_never_blocks_runs_on_the_receiving_thread_when_the_gate_answers_at_once()
      throws Exception {
    assertThat(handlerThread("quick", true)).isEqualTo("transport");
  }

  @Test
  void a_handler_that_may_block_runs_on_the_executor() throws Exception {
    assertThat(handlerThread("slow", true)).startsWith("scribe-test-tool-");
  }

  @Test
  void a_gate_that_cannot_answer_at_once_sends_the_call_to_the_executor() throws Exception {
    atOnce = ToolGate.AtOnce.NotAtOnce.INSTANCE;
    assertThat(handlerThread("quick", true)).startsWith("scribe-test-tool-");
  }

  @Test
  void a_channel_that_may_block_keeps_every_handler_off_the_receiving_thread() throws Exception {
    assertThat(handlerThread("quick", false)).startsWith("scribe-test-tool-");
  }

  @Test
  void a_refusal_given_at_once_is_the_answer() throws Exception {
    atOnce = new ToolGate.AtOnce.Answer(Optional.of(ToolResult.error("tool_not_allowed", "No.")));
    McpSession session = open();
    NotingChannel channel = new NotingChannel(true);
    session.receive(call(server, 4, "quick", "{}"), channel);
    recordings.poll(30, TimeUnit.SECONDS).complete(null);
    channel.thread.get(30, TimeUnit.SECONDS);
    JsonNode answer = McpJson.parseObject(channel.message);
    assertThat(answer.at("/result/isError").asBoolean()).isTrue();
    assertThat(answer.at("/result/structuredContent/error/code").asText()).isEqualTo("tool_not_allowed");
    assertThat(handlerThreads).isEmpty();
  }
}
