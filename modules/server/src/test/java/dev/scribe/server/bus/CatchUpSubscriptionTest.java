package dev.scribe.server.bus;

import static dev.scribe.server.bus.BusFixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.InMemoryEventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CatchUpSubscriptionTest {
  private final InMemoryEventLog log = BusFixtures.log();

  @AfterEach
  void closeLog() {
    log.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /**
   * Subscribes from {@code from}; when {@code last} arrives, checks that exactly from..last did.
   */
  private static Future<CatchUpSubscription> expectExactly(
      Vertx vertx,
      InMemoryEventLog log,
      long from,
      long last,
      VertxTestContext ctx,
      Checkpoint done) {
    List<Long> got = new ArrayList<>(); // confined to the subscription's context
    return CatchUpSubscription.subscribe(
        vertx,
        log,
        CODEC,
        from,
        e -> {
          got.add(e.position());
          if (e.position() == last) {
            ctx.verify(
                () -> {
                  assertThat(got)
                      .as("subscribed from %d", from)
                      .containsExactlyElementsOf(range(Math.max(1, from), last));
                  done.flag();
                });
          }
        });
  }

  @Test
  void subscribers_starting_while_appends_race_get_every_event_once_in_order(
      Vertx vertx, VertxTestContext ctx) throws Exception {
    int before = 300;
    int total = 2300;
    for (int i = 1; i <= before; i++) BusFixtures.entry(log, "s1", "alpha", "h" + i);
    await(vertx.deployVerticle(EventBusPublisher.over(log, CODEC)));

    Thread appender =
        new Thread(
            () -> {
              for (int i = before + 1; i <= total; i++) {
                BusFixtures.entry(
                    log, i % 2 == 0 ? "s1" : "s2", i % 3 == 0 ? "beta" : "alpha", "e" + i);
              }
            },
            "test-appender");
    Checkpoint done = ctx.checkpoint(8);
    List<Future<CatchUpSubscription>> subs = new ArrayList<>();
    subs.add(expectExactly(vertx, log, 1, total, ctx, done));
    subs.add(expectExactly(vertx, log, 0, total, ctx, done));
    subs.add(expectExactly(vertx, log, 57, total, ctx, done));
    subs.add(expectExactly(vertx, log, before + 1, total, ctx, done));
    appender.start();
    // These start at whatever the log end is while the appender runs: the seam is raced.
    for (int i = 0; i < 4; i++) {
      long from = Math.max(1, log.lastPosition() - i * 7);
      subs.add(expectExactly(vertx, log, from, total, ctx, done));
    }
    appender.join();

    assertThat(ctx.awaitCompletion(90, TimeUnit.SECONDS)).isTrue();
    for (Future<CatchUpSubscription> f : subs) {
      CatchUpSubscription s = await(f);
      assertThat(s.lastPosition()).isEqualTo(total);
      await(s.caughtUp()); // may complete just after the last delivery
      await(s.close());
    }
  }

  @Test
  void a_gap_on_the_bus_is_read_from_the_log_and_duplicates_are_dropped(
      Vertx vertx, VertxTestContext ctx) throws Exception {
    // No publisher: the test publishes by hand, out of line on purpose.
    for (int i = 1; i <= 10; i++) BusFixtures.entry(log, "s1", "alpha", "e" + i);
    Checkpoint done = ctx.checkpoint();
    CatchUpSubscription s = await(expectExactly(vertx, log, 1, 16, ctx, done));
    await(s.caughtUp());
    assertThat(s.lastPosition()).isEqualTo(10);

    for (int i = 11; i <= 15; i++) BusFixtures.entry(log, "s1", "alpha", "e" + i);
    RecordedEventCodec.registerOn(vertx.eventBus());
    vertx.eventBus().publish(EventAddresses.ALL, at(15)); // 11..14 never came
    vertx.eventBus().publish(EventAddresses.ALL, at(12)); // a duplicate
    vertx.eventBus().publish(EventAddresses.ALL, at(3)); // an old one
    BusFixtures.entry(log, "s1", "alpha", "e16");
    vertx.eventBus().publish(EventAddresses.ALL, at(16));

    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(s.lastPosition()).isEqualTo(16);
  }

  @Test
  void undecodable_events_are_skipped_in_history_and_live(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    BusFixtures.entry(log, "s1", "alpha", "e1");
    BusFixtures.unknownType(log); // 2, in the history
    BusFixtures.entry(log, "s1", "alpha", "e3");
    List<Long> got = new ArrayList<>(); // confined to the subscription's context
    Checkpoint done = ctx.checkpoint();
    await(vertx.deployVerticle(EventBusPublisher.over(log, CODEC)));
    CatchUpSubscription s =
        await(
            CatchUpSubscription.subscribe(
                vertx,
                log,
                CODEC,
                1,
                e -> {
                  got.add(e.position());
                  if (e.position() == 5) {
                    ctx.verify(
                        () -> {
                          assertThat(got).containsExactly(1L, 3L, 5L);
                          done.flag();
                        });
                  }
                }));
    await(s.caughtUp());
    BusFixtures.unknownType(log); // 4: the publisher skips it, so 5 arrives after a gap
    BusFixtures.entry(log, "s1", "alpha", "e5");
    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(s.lastPosition()).isEqualTo(5);
  }

  private RecordedEvent at(long position) {
    return CODEC.toRecorded(log.readForward(position, 1).get(0));
  }
}
