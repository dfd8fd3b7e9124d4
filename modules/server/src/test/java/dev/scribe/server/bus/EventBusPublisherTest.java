package dev.scribe.server.bus;

import static dev.scribe.server.bus.BusFixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.InMemoryEventLog;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EventBusPublisherTest {
  private final InMemoryEventLog log = BusFixtures.log();

  @AfterEach
  void closeLog() {
    log.close();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<Long> positions(List<RecordedEvent> events) {
    synchronized (events) {
      return events.stream().map(RecordedEvent::position).toList();
    }
  }

  @Test
  void every_committed_event_reaches_the_all_type_and_session_addresses_in_log_order(
      Vertx vertx, VertxTestContext ctx) throws Exception {
    BusFixtures.opened(log, "s0"); // before deploy: history, not published
    List<RecordedEvent> all = Collections.synchronizedList(new ArrayList<>());
    List<RecordedEvent> entries = Collections.synchronizedList(new ArrayList<>());
    List<RecordedEvent> deletions = Collections.synchronizedList(new ArrayList<>());
    List<RecordedEvent> s1 = Collections.synchronizedList(new ArrayList<>());
    List<RecordedEvent> s2 = Collections.synchronizedList(new ArrayList<>());
    Checkpoint received = ctx.checkpoint(7 + 3 + 1 + 4 + 2);
    EventBus bus = vertx.eventBus();
    bus.<RecordedEvent>consumer(
        EventAddresses.ALL,
        m -> {
          all.add(m.body());
          received.flag();
        });
    bus.<RecordedEvent>consumer(
        EventAddresses.type("EntryAppended"),
        m -> {
          entries.add(m.body());
          received.flag();
        });
    bus.<RecordedEvent>consumer(
        "scribe.events.type.ProjectDeleted",
        m -> {
          deletions.add(m.body());
          received.flag();
        });
    bus.<RecordedEvent>consumer(
        EventAddresses.session("s1"),
        m -> {
          s1.add(m.body());
          received.flag();
        });
    bus.<RecordedEvent>consumer(
        "scribe.events.session.s2",
        m -> {
          s2.add(m.body());
          received.flag();
        });
    EventBusPublisher publisher = EventBusPublisher.over(log, CODEC);
    await(vertx.deployVerticle(publisher));

    BusFixtures.opened(log, "s1"); // 2
    BusFixtures.bound(log, "s1", "alpha"); // 3
    BusFixtures.entry(log, "s1", "alpha", "e1"); // 4
    BusFixtures.opened(log, "s2"); // 5
    BusFixtures.entry(log, "s2", "beta", "e2"); // 6
    BusFixtures.deleted(log, "alpha"); // 7, no session
    BusFixtures.entry(log, "s1", "alpha", "e3"); // 8

    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(positions(all)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(positions(entries)).containsExactly(4L, 6L, 8L);
    assertThat(positions(deletions)).containsExactly(7L);
    assertThat(positions(s1)).containsExactly(2L, 3L, 4L, 8L);
    assertThat(positions(s2)).containsExactly(5L, 6L);
    // What arrives is what the log holds, decoded.
    for (RecordedEvent e : all) {
      assertThat(e).isEqualTo(CODEC.toRecorded(log.readForward(e.position(), 1).get(0)));
    }
    assertThat(publisher.lastPublished()).isEqualTo(8);
    assertThat(publisher.failure()).isEmpty();
  }

  @Test
  void deployed_as_a_worker_like_the_server_does_it_publishes_in_order_off_the_event_loops(
      Vertx vertx, VertxTestContext ctx) throws Exception {
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    List<Boolean> fromEventLoop = Collections.synchronizedList(new ArrayList<>());
    Checkpoint all = ctx.checkpoint(300);
    vertx
        .eventBus()
        .<RecordedEvent>localConsumer(
            EventAddresses.ALL,
            m -> {
              seen.add(m.body().position());
              all.flag();
            });
    // Which thread publishes, seen where every publish passes: the bus's outbound interceptor.
    vertx
        .eventBus()
        .addOutboundInterceptor(
            dc -> {
              if (dc.message().address().equals(EventAddresses.ALL)) {
                fromEventLoop.add(Context.isOnEventLoopThread());
              }
              dc.next();
            });
    await(
        vertx.deployVerticle(
            EventBusPublisher.over(log, CODEC),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));

    for (int i = 0; i < 300; i++) BusFixtures.entry(log, "s1", "alpha", "e" + i);

    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
    assertThat(fromEventLoop).hasSize(300).containsOnly(false);
  }

  @Test
  void consumers_receive_the_published_record_itself_not_a_copy(Vertx vertx, VertxTestContext ctx) {
    RecordedEventCodec.registerOn(vertx.eventBus());
    RecordedEventCodec.registerOn(vertx.eventBus()); // idempotent
    BusFixtures.entry(log, "s1", "alpha", "e1");
    RecordedEvent event = CODEC.toRecorded(log.readForward(1, 1).get(0));
    Checkpoint both = ctx.checkpoint(2);
    for (int i = 0; i < 2; i++) {
      vertx
          .eventBus()
          .<RecordedEvent>localConsumer(
              "test.no-copy",
              m ->
                  ctx.verify(
                      () -> {
                        assertThat(m.body()).isSameAs(event);
                        both.flag();
                      }));
    }
    vertx.eventBus().publish("test.no-copy", event);
  }

  @Test
  void the_codec_refuses_the_wire_clearly() {
    RecordedEventCodec codec = new RecordedEventCodec();
    BusFixtures.entry(log, "s1", "alpha", "e1");
    RecordedEvent event = CODEC.toRecorded(log.readForward(1, 1).get(0));
    assertThat(codec.transform(event)).isSameAs(event);
    assertThatThrownBy(() -> codec.encodeToWire(Buffer.buffer(), event))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("EnvelopeJson");
    assertThat(codec.name()).isEqualTo(RecordedEventCodec.NAME);
  }

  @Test
  void publishing_starts_after_the_log_end_and_skips_types_it_cannot_decode(
      Vertx vertx, VertxTestContext ctx) throws Exception {
    for (int i = 0; i < 5; i++) BusFixtures.entry(log, "s1", "alpha", "old" + i);
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    Checkpoint two = ctx.checkpoint(2);
    vertx
        .eventBus()
        .<RecordedEvent>consumer(
            EventAddresses.ALL,
            m -> {
              seen.add(m.body().position());
              two.flag();
            });
    EventBusPublisher publisher = EventBusPublisher.over(log, CODEC);
    await(vertx.deployVerticle(publisher));

    BusFixtures.entry(log, "s1", "alpha", "new1"); // 6
    BusFixtures.unknownType(log); // 7: not decodable here
    BusFixtures.entry(log, "s1", "alpha", "new2"); // 8

    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly(6L, 8L);
    assertThat(publisher.skipped()).isEqualTo(1);
  }

  @Test
  void a_stalled_event_loop_never_holds_up_appends_and_loses_nothing() throws Exception {
    // One event loop: a consumer blocking it also stalls the publisher's context.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      int total = 1 + 3 * EventBusPublisher.MAX_IN_FLIGHT;
      CountDownLatch stalled = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<Long> seen = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Void> all = new CompletableFuture<>();
      vertx
          .eventBus()
          .<RecordedEvent>consumer(
              EventAddresses.ALL,
              m -> {
                if (seen.isEmpty()) {
                  stalled.countDown();
                  try {
                    release.await(); // deliberately blocks the only event loop
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                seen.add(m.body().position());
                if (m.body().position() == total) all.complete(null);
              });
      await(vertx.deployVerticle(EventBusPublisher.over(log, CODEC)));

      BusFixtures.entry(log, "s1", "alpha", "first");
      assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
      AppendResult last = null;
      for (int i = 1; i < total; i++) last = BusFixtures.entry(log, "s1", "alpha", "e" + i);
      assertThat(last).isNotNull();
      assertThat(last.lastPosition())
          .as("every append completed while the bus was stalled")
          .isEqualTo(total);

      release.countDown();
      all.get(60, TimeUnit.SECONDS);
      assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    } finally {
      await(vertx.close());
    }
  }
}
