package dev.scribe.eventlog.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.DuplicateAppendException;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every event log implementation passes: ordering, atomic batches, expected-version
 * races, idempotency across reopen, tailing from any position, close and reopen, and the hash
 * chain. An implementation adds a subclass that supplies its {@link EventLogFixture}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class EventLogConformance {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  protected MutableClock clock;
  protected SequentialIds ids;
  private EventLogFixture fixture;
  private EventLog log;

  /** A fresh fixture on empty storage. */
  protected abstract EventLogFixture newFixture() throws Exception;

  @BeforeEach
  void openLog() throws Exception {
    clock = new MutableClock(T0);
    ids = new SequentialIds("evt");
    fixture = newFixture();
    log = fixture.open(clock, ids);
  }

  @AfterEach
  void closeLog() {
    log.close();
    fixture.close();
  }

  protected EventLog log() {
    return log;
  }

  /** Closes the log and opens it again on the same storage. */
  protected EventLog reopen() {
    log.close();
    log = fixture.open(clock, ids);
    return log;
  }

  protected static NewEvent event(String stream, String payload) {
    return new NewEvent("TestEvent", 1, stream, "s-1", "x-1", payload.getBytes(UTF_8));
  }

  private static String text(StoredEvent e) {
    return new String(e.payload(), UTF_8);
  }

  private List<StoredEvent> all() {
    List<StoredEvent> out = new ArrayList<>();
    log.forEach(1, out::add);
    return out;
  }

  // ---- empty log and single appends -------------------------------------------------------

  @Test
  void an_empty_log_has_nothing_to_read() {
    assertThat(log.lastPosition()).isZero();
    assertThat(log.readForward(1, 10)).isEmpty();
    assertThat(log.streamVersion("a")).isZero();
    assertThat(log.readStream("a", 1, 10)).isEmpty();
  }

  @Test
  void the_first_event_gets_position_1_and_the_envelope_the_log_assigns() {
    clock.set(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    NewEvent e = new NewEvent("EntryAppended", 3, "project-alpha", "sess", "exec", bytes("{}"));

    AppendResult r = log.append(AppendRequest.of(e));

    assertThat(r.firstPosition()).isEqualTo(1);
    assertThat(r.lastPosition()).isEqualTo(1);
    StoredEvent s = log.readForward(1, 10).get(0);
    assertThat(s.position()).isEqualTo(1);
    assertThat(s.eventId()).isEqualTo("evt-000001");
    assertThat(s.type()).isEqualTo("EntryAppended");
    assertThat(s.schemaVersion()).isEqualTo(3);
    assertThat(s.stream()).isEqualTo("project-alpha");
    assertThat(s.streamVersion()).isEqualTo(1);
    assertThat(s.sessionId()).isEqualTo("sess");
    assertThat(s.executionId()).isEqualTo("exec");
    assertThat(s.recordedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    assertThat(s.idempotencyKey()).isEmpty();
    assertThat(s.previousHash()).isEqualTo(RecordFormat.GENESIS_HASH);
    assertThat(RecordFormat.hashMatches(s, RecordFormat.sha256())).isTrue();
    assertThat(text(s)).isEqualTo("{}");
  }

  @Test
  void payload_bytes_and_unicode_strings_round_trip_exactly() {
    byte[] big = new byte[256 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    log.append(
        AppendRequest.of(
            new NewEvent("T", 1, "strøm-🚀", "sessiön", "", new byte[0]),
            new NewEvent("T", 1, "strøm-🚀", "", "exé", big)));

    List<StoredEvent> read = log.readForward(1, 10);
    assertThat(read.get(0).stream()).isEqualTo("strøm-🚀");
    assertThat(read.get(0).sessionId()).isEqualTo("sessiön");
    assertThat(read.get(0).payload()).isEmpty();
    assertThat(read.get(1).executionId()).isEqualTo("exé");
    assertThat(read.get(1).payload()).isEqualTo(big);
  }

  // ---- ordering -------------------------------------------------------------------------------

  @Test
  void batches_get_contiguous_positions_and_per_stream_versions() {
    AppendResult r1 = log.append(AppendRequest.of(event("a", "a1"), event("b", "b1")));
    AppendResult r2 =
        log.append(AppendRequest.of(event("a", "a2"), event("a", "a3"), event("c", "c1")));

    assertThat(r1).isEqualTo(new AppendResult(1, 2));
    assertThat(r2).isEqualTo(new AppendResult(3, 5));
    assertThat(all()).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(all()).extracting(EventLogConformance::text)
        .containsExactly("a1", "b1", "a2", "a3", "c1");
    assertThat(all()).extracting(StoredEvent::streamVersion)
        .containsExactly(1L, 1L, 2L, 3L, 1L);
    assertThat(log.streamVersion("a")).isEqualTo(3);
    assertThat(log.streamVersion("b")).isEqualTo(1);
    assertThat(log.lastPosition()).isEqualTo(5);
  }

  @Test
  void read_forward_starts_at_any_position_and_honours_the_page_size() {
    for (int i = 1; i <= 20; i++) log.append(AppendRequest.of(event("s", "e" + i)));

    assertThat(log.readForward(7, 5)).extracting(StoredEvent::position)
        .containsExactly(7L, 8L, 9L, 10L, 11L);
    assertThat(log.readForward(19, 100)).extracting(StoredEvent::position)
        .containsExactly(19L, 20L);
    assertThat(log.readForward(21, 100)).isEmpty();
    assertThat(log.readForward(0, 2)).extracting(StoredEvent::position)
        .containsExactly(1L, 2L);
  }

  @Test
  void a_stream_reads_back_its_own_events_in_order_from_any_version() {
    for (int i = 1; i <= 6; i++) {
      log.append(AppendRequest.of(event(i % 2 == 0 ? "even" : "odd", "e" + i)));
    }

    assertThat(log.readStream("even", 1, 10)).extracting(EventLogConformance::text)
        .containsExactly("e2", "e4", "e6");
    assertThat(log.readStream("even", 2, 10)).extracting(StoredEvent::streamVersion)
        .containsExactly(2L, 3L);
    assertThat(log.readStream("odd", 1, 2)).extracting(StoredEvent::position)
        .containsExactly(1L, 3L);
    assertThat(log.readStream("none", 1, 10)).isEmpty();
  }

  // ---- expected versions -------------------------------------------------------------------

  @Test
  void no_stream_expectation_holds_only_for_a_new_stream() {
    log.append(AppendRequest.of(event("a", "1")).expecting("a", ExpectedVersion.noStream()));

    assertThatThrownBy(
            () ->
                log.append(
                    AppendRequest.of(event("a", "2")).expecting("a", ExpectedVersion.noStream())))
        .isInstanceOf(ExpectedVersionMismatchException.class);
    assertThat(log.lastPosition()).isEqualTo(1);
  }

  @Test
  void a_version_mismatch_names_stream_expected_and_actual_and_writes_nothing() {
    log.append(AppendRequest.of(event("a", "1"), event("a", "2")));

    assertThatThrownBy(
            () ->
                log.append(
                    AppendRequest.of(event("a", "3")).expecting("a", ExpectedVersion.exactly(1))))
        .isInstanceOfSatisfying(
            ExpectedVersionMismatchException.class,
            e -> {
              assertThat(e.stream()).isEqualTo("a");
              assertThat(e.expected()).isEqualTo(ExpectedVersion.exactly(1));
              assertThat(e.actual()).isEqualTo(2);
              assertThat(e.logPosition()).as("where a reader sees version 2").isEqualTo(2);
              assertThat(e.getMessage()).contains("'a'").contains("1").contains("2");
            });
    assertThat(log.lastPosition()).isEqualTo(2);
    log.append(AppendRequest.of(event("a", "3")).expecting("a", ExpectedVersion.exactly(2)));
    assertThat(log.streamVersion("a")).isEqualTo(3);
  }

  @Test
  void a_batch_is_all_or_nothing_when_one_of_its_expectations_fails() {
    log.append(AppendRequest.of(event("b", "b1")));

    assertThatThrownBy(
            () ->
                log.append(
                    AppendRequest.of(event("a", "a1"), event("b", "b2"), event("c", "c1"))
                        .expecting("a", ExpectedVersion.noStream())
                        .expecting("b", ExpectedVersion.noStream())))
        .isInstanceOf(ExpectedVersionMismatchException.class);

    assertThat(log.lastPosition()).isEqualTo(1);
    assertThat(log.streamVersion("a")).isZero();
    assertThat(log.streamVersion("c")).isZero();
    assertThat(log.append(AppendRequest.of(event("a", "a1")))).isEqualTo(new AppendResult(2, 2));
  }

  @Test
  void concurrent_appends_expecting_the_same_version_have_exactly_one_winner() throws Exception {
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      for (int round = 0; round < 20; round++) {
        long current = log.streamVersion("hot");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
        for (int c = 0; c < contenders; c++) {
          int id = c;
          outcomes.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    await(start);
                    try {
                      log.append(
                          AppendRequest.of(event("hot", "r-" + id))
                              .expecting("hot", ExpectedVersion.exactly(current)));
                      return true;
                    } catch (ExpectedVersionMismatchException e) {
                      return false;
                    }
                  },
                  pool));
        }
        start.countDown();
        long winners = outcomes.stream().filter(CompletableFuture::join).count();
        assertThat(winners).as("winners in round %d", round).isEqualTo(1);
        assertThat(log.streamVersion("hot")).isEqualTo(current + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrent_appenders_lose_nothing_and_keep_their_own_order() throws Exception {
    int writers = 6;
    int each = 150;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.append(AppendRequest.of(event("w" + writer, writer + ":" + i)));
                  }
                },
                pool));
      }
      done.forEach(CompletableFuture::join);
    } finally {
      pool.shutdownNow();
    }

    List<StoredEvent> events = all();
    assertThat(events).hasSize(writers * each);
    for (int i = 0; i < events.size(); i++) assertThat(events.get(i).position()).isEqualTo(i + 1);
    for (int w = 0; w < writers; w++) {
      List<String> mine = new ArrayList<>();
      for (StoredEvent e : log.readStream("w" + w, 1, each + 1)) mine.add(text(e));
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) expected.add(w + ":" + i);
      assertThat(mine).isEqualTo(expected);
    }
    assertChainIntact();
  }

  // ---- idempotency --------------------------------------------------------------------------

  @Test
  void a_repeated_idempotency_key_writes_nothing_and_returns_the_original_positions() {
    log.append(AppendRequest.of(event("x", "before")));
    AppendResult first =
        log.append(AppendRequest.of(event("a", "1"), event("a", "2")).withIdempotencyKey("k-1"));

    assertThatThrownBy(
            () -> log.append(AppendRequest.of(event("a", "other")).withIdempotencyKey("k-1")))
        .isInstanceOfSatisfying(
            DuplicateAppendException.class,
            e -> {
              assertThat(e.idempotencyKey()).isEqualTo("k-1");
              assertThat(e.original()).isEqualTo(first);
            });
    assertThat(log.lastPosition()).isEqualTo(3);
    assertThat(log.readForward(2, 10)).extracting(StoredEvent::idempotencyKey)
        .containsExactly("k-1", "k-1");
  }

  @Test
  void idempotency_keys_survive_close_and_reopen() {
    AppendResult first = log.append(AppendRequest.of(event("a", "1")).withIdempotencyKey("k-9"));
    reopen();

    assertThatThrownBy(
            () -> log().append(AppendRequest.of(event("a", "1")).withIdempotencyKey("k-9")))
        .isInstanceOfSatisfying(
            DuplicateAppendException.class, e -> assertThat(e.original()).isEqualTo(first));
    assertThat(log().lastPosition()).isEqualTo(1);
  }

  @Test
  void concurrent_retries_with_one_key_write_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger written = new AtomicInteger();
      AtomicInteger duplicates = new AtomicInteger();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  await(start);
                  try {
                    log.append(AppendRequest.of(event("r", "retry")).withIdempotencyKey("same"));
                    written.incrementAndGet();
                  } catch (DuplicateAppendException e) {
                    duplicates.incrementAndGet();
                  }
                },
                pool));
      }
      start.countDown();
      all.forEach(CompletableFuture::join);
      assertThat(written.get()).isEqualTo(1);
      assertThat(duplicates.get()).isEqualTo(5);
      assertThat(log.lastPosition()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- tailing -------------------------------------------------------------------------------

  @Test
  void a_subscription_from_the_start_gets_history_then_live_events_exactly_once()
      throws Exception {
    for (int i = 1; i <= 5; i++) log.append(AppendRequest.of(event("s", "e" + i)));
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (Subscription sub = log.subscribe("tck-all", 1, e -> seen.add(e.position()))) {
      for (int i = 6; i <= 10; i++) log.append(AppendRequest.of(event("s", "e" + i)));
      assertThat(sub.awaitDelivered(10, Duration.ofSeconds(10))).isTrue();
      assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(sub.lastDelivered()).isEqualTo(10);
    }
  }

  @Test
  void a_subscription_can_start_at_any_position_including_the_future() throws Exception {
    for (int i = 1; i <= 5; i++) log.append(AppendRequest.of(event("s", "e" + i)));
    List<Long> fromMiddle = new CopyOnWriteArrayList<>();
    List<Long> fromNext = new CopyOnWriteArrayList<>();
    try (Subscription a = log.subscribe("tck-mid", 3, e -> fromMiddle.add(e.position()));
        Subscription b = log.subscribe("tck-next", 6, e -> fromNext.add(e.position()))) {
      log.append(AppendRequest.of(event("s", "e6"), event("s", "e7")));
      assertThat(a.awaitDelivered(7, Duration.ofSeconds(10))).isTrue();
      assertThat(b.awaitDelivered(7, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(fromMiddle).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(fromNext).containsExactly(6L, 7L);
  }

  @Test
  void tailing_keeps_up_with_concurrent_appenders() throws Exception {
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    try (Subscription sub = log.subscribe("tck-live", 1, e -> seen.add(e.position()))) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          done.add(
              CompletableFuture.runAsync(
                  () -> {
                    for (int i = 0; i < 100; i++) log.append(AppendRequest.of(event("t", "x")));
                  },
                  pool));
        }
        done.forEach(CompletableFuture::join);
      } finally {
        pool.shutdownNow();
      }
      assertThat(sub.awaitDelivered(400, Duration.ofSeconds(20))).isTrue();
    }
    List<Long> expected = new ArrayList<>();
    for (long p = 1; p <= 400; p++) expected.add(p);
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void a_listener_that_throws_stops_its_subscription_with_the_failure() throws Exception {
    log.append(AppendRequest.of(event("s", "ok"), event("s", "bad"), event("s", "never")));
    List<String> seen = new CopyOnWriteArrayList<>();
    Subscription sub =
        log.subscribe(
            "tck-fail",
            1,
            e -> {
              if (text(e).equals("bad")) throw new IllegalStateException("boom");
              seen.add(text(e));
            });
    try {
      assertThat(sub.awaitDelivered(3, Duration.ofSeconds(10))).isFalse();
      assertThat(sub.isRunning()).isFalse();
      assertThat(sub.failure()).get().asString().contains("boom");
      assertThat(sub.lastDelivered()).isEqualTo(1);
      assertThat(seen).containsExactly("ok");
    } finally {
      sub.close();
    }
  }

  @Test
  void await_position_wakes_up_when_an_event_is_acknowledged() throws Exception {
    CompletableFuture<Long> waiter = waiting(() -> log.awaitPosition(0, Duration.ofSeconds(20)));
    log.append(AppendRequest.of(event("s", "wake")));
    assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(1);
  }

  /** A wait of the log's, run on another thread. */
  private interface Wait<T> {
    T run() throws InterruptedException;
  }

  private static <T> CompletableFuture<T> waiting(Wait<T> wait) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return wait.run();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void await_reached_waits_across_appends_until_the_position_is_acknowledged() throws Exception {
    assertThat(log.awaitReached(0, Duration.ZERO)).isTrue();
    assertThat(log.awaitReached(1, Duration.ofMillis(1))).as("nothing appended").isFalse();
    CompletableFuture<Boolean> waiter = waiting(() -> log.awaitReached(3, Duration.ofSeconds(20)));
    log.append(AppendRequest.of(event("s", "1")));
    log.append(AppendRequest.of(event("s", "2"), event("s", "3")));
    assertThat(waiter.get(20, TimeUnit.SECONDS)).isTrue();
  }

  // ---- close and reopen ------------------------------------------------------------------------

  @Test
  void a_reopened_log_keeps_every_event_and_continues_positions_versions_and_chain() {
    log.append(AppendRequest.of(event("a", "1"), event("b", "1")));
    log.append(AppendRequest.of(event("a", "2")));
    List<StoredEvent> before = all();

    reopen();

    assertThat(all()).isEqualTo(before);
    assertThat(log().lastPosition()).isEqualTo(3);
    assertThat(log().streamVersion("a")).isEqualTo(2);
    AppendResult next =
        log().append(AppendRequest.of(event("a", "3")).expecting("a", ExpectedVersion.exactly(2)));
    assertThat(next).isEqualTo(new AppendResult(4, 4));
    assertThat(log().readForward(4, 1).get(0).previousHash()).isEqualTo(before.get(2).hash());
    assertChainIntact();
  }

  @Test
  void a_closed_log_refuses_appends() {
    log.close();
    assertThatThrownBy(() -> log.append(AppendRequest.of(event("a", "1"))))
        .isInstanceOf(EventLogClosedException.class);
    reopen();
    assertThat(log().append(AppendRequest.of(event("a", "1")))).isEqualTo(new AppendResult(1, 1));
  }

  @Test
  void close_ends_subscriptions() throws Exception {
    Subscription sub = log.subscribe("tck-close", 1, e -> {});
    log.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sub.isRunning() && System.nanoTime() < deadline) {
      sub.awaitDelivered(Long.MAX_VALUE, Duration.ofMillis(50));
    }
    assertThat(sub.isRunning()).isFalse();
    sub.close();
    reopen();
  }

  // ---- hash chain ----------------------------------------------------------------------------

  @Test
  void every_event_hashes_its_stored_bytes_and_links_to_its_predecessor() {
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofMillis(7));
      log.append(AppendRequest.of(event("s" + (i % 3), "payload-" + i)));
    }
    assertChainIntact();
    List<StoredEvent> events = all();
    assertThat(events.stream().map(StoredEvent::hashHex).distinct()).hasSize(50);
    assertThat(events.stream().map(StoredEvent::eventId).distinct()).hasSize(50);
  }

  protected void assertChainIntact() {
    MessageDigest digest = RecordFormat.sha256();
    byte[] previous = RecordFormat.GENESIS_HASH;
    long expected = 1;
    for (StoredEvent e : all()) {
      RecordFormat.verifyLink(e, expected++, previous, digest);
      previous = e.hash();
    }
    assertThat(expected - 1).isEqualTo(log().lastPosition());
    assertThat(Arrays.equals(previous, RecordFormat.GENESIS_HASH))
        .isEqualTo(log().lastPosition() == 0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
