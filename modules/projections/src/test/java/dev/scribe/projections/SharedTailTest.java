package dev.scribe.projections;

import static dev.scribe.projections.TestLog.append;
import static dev.scribe.projections.TestLog.entry;
import static dev.scribe.projections.TestLog.toolInvoked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedTailTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final InMemoryEventLog log = TestLog.create("tail");
  private final List<Subscription> subs = new ArrayList<>();

  @AfterEach
  void close() {
    subs.forEach(Subscription::close);
    log.close();
  }

  /** A log that counts the events read from it. */
  private static final class Counting implements ReadAll {
    final ReadAll log;
    final AtomicLong read = new AtomicLong();

    Counting(ReadAll log) {
      this.log = log;
    }

    @Override
    public long lastPosition() {
      return log.lastPosition();
    }

    @Override
    public List<StoredEvent> readForward(long fromPosition, int maxEvents) {
      List<StoredEvent> page = log.readForward(fromPosition, maxEvents);
      read.addAndGet(page.size());
      return page;
    }

    @Override
    public long awaitPosition(long knownLastPosition, Duration timeout) throws InterruptedException {
      return log.awaitPosition(knownLastPosition, timeout);
    }
  }

  private void appendEntries(int n) {
    for (int i = 0; i < n; i++) append(log, entry("s1", "alpha", "e" + i, "m" + i));
  }

  /**
   * Records the positions a subscriber received; optionally stalls before one of them. {@link
   * #sees} waits for a position without asking the tail for it ({@code expect}).
   */
  private static final class Recorder {
    final List<Long> positions = Collections.synchronizedList(new ArrayList<>());
    final long stallAt;
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch stalled = new CountDownLatch(1);
    private final Object lock = new Object();
    private long last; // under lock

    Recorder(long stallAt) {
      this.stallAt = stallAt;
    }

    Recorder() {
      this(-1);
    }

    void on(StoredEvent e) throws InterruptedException {
      if (e.position() == stallAt) {
        stalled.countDown();
        release.await();
      }
      positions.add(e.position());
      synchronized (lock) {
        last = e.position();
        lock.notifyAll();
      }
    }

    /** True once {@code position} arrived on its own within {@code timeout}. */
    boolean sees(long position, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lock) {
        while (last < position) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return false;
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      }
      return true;
    }
  }

  @Test
  void every_subscriber_gets_every_event_from_its_start_in_order_exactly_once() throws Exception {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    SharedTail tail = new SharedTail(log, 2048);
    appendEntries(3000); // more than the ring holds: late starters begin behind it
    List<Recorder> recorders = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long from = 1 + rnd.nextInt(i == 0 ? 2990 : 3500);
      // one subscriber stalls for a while (falls behind the ring, then reads on its own)
      Recorder r = new Recorder(i == 0 ? from + 10 : -1);
      recorders.add(r);
      starts.add(from);
      subs.add(tail.subscribe("t" + i, from, r::on));
    }
    recorders.get(0).stalled.await();
    for (int round = 0; round < 20; round++) appendEntries(1 + rnd.nextInt(400));
    recorders.get(0).release.countDown();
    long end = log.lastPosition();
    for (int i = 0; i < subs.size(); i++) {
      assertThat(subs.get(i).awaitDelivered(end, WAIT)).as("seed %d, subscriber %d", seed, i).isTrue();
      List<Long> want = new ArrayList<>();
      for (long p = starts.get(i); p <= end; p++) want.add(p);
      assertThat(recorders.get(i).positions).as("seed %d, subscriber %d", seed, i).isEqualTo(want);
    }
  }

  @Test
  void a_subscriber_following_another_reads_nothing_from_the_log() throws Exception {
    Counting counting = new Counting(log);
    SharedTail tail = new SharedTail(counting, 4096);
    appendEntries(1000);
    Recorder first = new Recorder(-1);
    subs.add(tail.subscribe("first", 1, first::on));
    assertThat(subs.get(0).awaitDelivered(1000, WAIT)).isTrue();
    long readByFirst = counting.read.get();
    assertThat(readByFirst).isEqualTo(1000);

    Recorder second = new Recorder(-1);
    subs.add(tail.subscribe("second", 500, second::on));
    assertThat(subs.get(1).awaitDelivered(1000, WAIT)).isTrue();
    assertThat(second.positions).hasSize(501).startsWith(500L).endsWith(1000L);
    assertThat(counting.read.get()).isEqualTo(readByFirst);

    appendEntries(10); // both follow live: the new events are read once
    assertThat(subs.get(0).awaitDelivered(1010, WAIT)).isTrue();
    assertThat(subs.get(1).awaitDelivered(1010, WAIT)).isTrue();
    assertThat(counting.read.get()).isEqualTo(1010);
  }

  @Test
  void a_closed_log_ends_every_subscription_without_a_failure() throws Exception {
    SharedTail tail = new SharedTail(log, 2048);
    appendEntries(5);
    Recorder r = new Recorder(-1);
    Subscription s = tail.subscribe("t", 1, r::on);
    subs.add(s);
    assertThat(s.awaitDelivered(5, WAIT)).isTrue();
    log.close();
    assertThat(s.awaitDelivered(6, WAIT)).isFalse();
    assertThat(s.isRunning()).isFalse();
    assertThat(s.failure()).isEmpty();
  }

  // ---- wake filters ------------------------------------------------------------------------

  private static final Predicate<StoredEvent> ENTRIES_ONLY = e -> e.type().equals("EntryAppended");
  /** Longer than any test: a filtered subscriber then wakes only when something asks it to. */
  private static final Duration NEVER = Duration.ofHours(1);

  private void appendToolCalls(int n) {
    for (int i = 0; i < n; i++) append(log, toolInvoked("s1", "health_check"));
  }

  /** An unfiltered subscriber and one woken for entries only, both from position 1. */
  private record Followers(Recorder all, Recorder entries, Subscription filtered) {}

  private Followers followers(SharedTail tail) {
    Recorder all = new Recorder();
    Recorder entries = new Recorder();
    subs.add(tail.subscribe("all", 1, all::on));
    Subscription filtered = tail.subscribe("entries", 1, entries::on, ENTRIES_ONLY);
    subs.add(filtered);
    return new Followers(all, entries, filtered);
  }

  @Test
  void a_filtered_subscriber_is_not_woken_for_events_it_rejects_yet_gets_them_all_in_order()
      throws Exception {
    Followers f = followers(new SharedTail(log, 2048, NEVER));
    Recorder all = f.all();
    Recorder entries = f.entries();
    Subscription filtered = f.filtered();
    // 300 tool-call records, each its own page: the unfiltered subscriber sees every one of them.
    for (int i = 1; i <= 300; i++) {
      appendToolCalls(1);
      assertThat(all.sees(i, WAIT)).isTrue();
    }
    // Eager delivery would have woken the filtered one for each of the 300; it can only have
    // taken the ones it found while it was still awake (starting up, on a loaded machine).
    assertThat(filtered.lastDelivered()).isLessThan(150);

    // Held back or not, it is current through 300: it would only pass over them. (The page may
    // still be being offered to it the moment "all" has it: wait for that, not for time.)
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (filtered.currentThrough() < 300 && System.nanoTime() < deadline) Thread.onSpinWait();
    assertThat(filtered.currentThrough()).isEqualTo(300);
    assertThat(filtered.lastDelivered()).isLessThan(150);

    append(log, entry("s1", "alpha", "e1", "m1")); // position 301: it wakes for this one
    assertThat(entries.sees(301, WAIT)).isTrue();
    assertThat(filtered.awaitDelivered(301, WAIT)).isTrue();
    assertThat(filtered.currentThrough()).isEqualTo(301);
    List<Long> want = new ArrayList<>();
    for (long p = 1; p <= 301; p++) want.add(p);
    assertThat(entries.positions).isEqualTo(want);
  }

  @Test
  void held_back_events_are_delivered_to_whoever_waits_for_them() throws Exception {
    Followers f = followers(new SharedTail(log, 2048, NEVER));
    Recorder all = f.all();
    Recorder entries = f.entries();
    Subscription filtered = f.filtered();
    appendToolCalls(40);
    assertThat(all.sees(40, WAIT)).isTrue();
    assertThat(filtered.awaitDelivered(40, WAIT)).isTrue();
    assertThat(entries.positions).hasSize(40).startsWith(1L).endsWith(40L);

    appendToolCalls(5); // 41..45: expect() asks for them without waiting here
    filtered.expect(45);
    assertThat(entries.sees(45, WAIT)).isTrue();
  }

  @Test
  void held_back_events_are_delivered_after_the_idle_wait_or_once_they_pile_up() throws Exception {
    SharedTail shortWait = new SharedTail(log, 2048, Duration.ofMillis(50));
    Recorder a = new Recorder();
    subs.add(shortWait.subscribe("short", 1, a::on, e -> false));
    appendToolCalls(3);
    assertThat(a.sees(3, WAIT)).as("delivered after the idle wait").isTrue();

    InMemoryEventLog other = TestLog.create("pile");
    try {
      SharedTail longWait = new SharedTail(other, 2048, NEVER);
      Recorder all = new Recorder();
      Recorder b = new Recorder();
      subs.add(longWait.subscribe("all", 1, all::on));
      Subscription rejecting = longWait.subscribe("rejecting", 1, b::on, e -> false);
      subs.add(rejecting);
      for (int i = 1; i <= 700; i++) append(other, toolInvoked("s1", "ping"));
      assertThat(all.sees(700, WAIT)).isTrue();
      // It is woken whenever more than a quarter of the ring (512 events) piles up behind it.
      assertThat(b.sees(700 - 512, WAIT)).as("woken once a quarter of the ring piled up").isTrue();
    } finally {
      subs.forEach(Subscription::close);
      subs.clear();
      other.close();
    }
  }
}
