package dev.scribe.eventlog.chronicle;

import static dev.scribe.eventlog.chronicle.TestLogs.event;
import static dev.scribe.eventlog.chronicle.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.eventlog.Acknowledgement;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.DuplicateAppendException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.tck.MutableClock;
import dev.scribe.eventlog.tck.SequentialIds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChronicleEventLogTest {
  @TempDir Path temp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final SequentialIds ids = new SequentialIds("evt");
  private final List<ChronicleEventLog> opened = new ArrayList<>();

  private Path dir() {
    return temp.resolve("log");
  }

  private ChronicleEventLog open(ChronicleLogConfig config) {
    ChronicleEventLog log = ChronicleEventLog.open(config, clock, ids);
    opened.add(log);
    return log;
  }

  private ChronicleEventLog open() {
    return open(TestLogs.config(dir()));
  }

  @AfterEach
  void closeEverything() {
    opened.forEach(ChronicleEventLog::close);
    // Chronicle hygiene: no writer or tail thread may outlive its log.
    assertThat(TestLogs.threadAlive("scribe-appender")).as("writer thread left running").isFalse();
    assertThat(TestLogs.threadAlive("scribe-tail-")).as("tail thread left running").isFalse();
    assertThat(TestLogs.threadAlive("scribe-pretouch")).as("pretouch thread left running").isFalse();
    assertThat(TestLogs.threadAlive("scribe-syncer")).as("sync thread left running").isFalse();
  }

  private static List<String> texts(List<StoredEvent> events) {
    return events.stream().map(TestLogs::text).toList();
  }

  // ---- group commit and fsync policies ------------------------------------------------------

  @Test
  void appends_written_during_a_sync_are_acknowledged_by_one_next_sync() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    faults.holdFirstSync = new CountDownLatch(1);
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));

    CompletableFuture<AppendResult> first = log.appendAsync(AppendRequest.of(event("g", "first")));
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<AppendResult>> rest = new ArrayList<>();
    for (int i = 0; i < 500; i++) rest.add(log.appendAsync(AppendRequest.of(event("g", "e" + i))));
    // The writer goes on writing while the sync runs; the next sync covers all it wrote.
    assertThat(faults.awaitWrites(501, 20, TimeUnit.SECONDS)).isTrue();
    assertThat(first).isNotDone(); // not acknowledged before its sync finished
    assertThat(log.lastPosition()).isZero();
    faults.holdFirstSync.countDown();

    assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(new AppendResult(1, 1));
    for (CompletableFuture<AppendResult> f : rest) f.get(20, TimeUnit.SECONDS);
    assertThat(faults.syncs.get()).as("one sync for the first batch, one for the 500 queued").isEqualTo(2);
    assertThat(log.lastPosition()).isEqualTo(501);
    assertThat(log.readForward(1, 1000)).extracting(StoredEvent::position)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 501).boxed().toList());
  }

  @Test
  void a_batch_acknowledged_when_written_completes_before_its_sync_but_is_read_only_once_durable()
      throws Exception {
    RecordingFaults faults = new RecordingFaults();
    faults.holdFirstSync = new CountDownLatch(1);
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));

    CompletableFuture<AppendResult> read =
        log.appendAsync(AppendRequest.of(event("calls", "read")), Acknowledgement.WRITTEN);
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(new AppendResult(1, 1));
    assertThat(log.lastPosition()).as("not readable before its sync").isZero();
    assertThat(log.readForward(1, 10)).isEmpty();
    CompletableFuture<AppendResult> write = log.appendAsync(AppendRequest.of(event("calls", "write")));
    assertThat(write).isNotDone();

    faults.holdFirstSync.countDown();
    assertThat(write.get(20, TimeUnit.SECONDS)).isEqualTo(new AppendResult(2, 2));
    assertThat(texts(log.readForward(1, 10))).containsExactly("read", "write");
  }

  @Test
  void a_group_nobody_waits_on_defers_its_sync_to_the_next_group_somebody_waits_on()
      throws Exception {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log =
        open(TestLogs.config(dir()).withFsync(FsyncPolicy.batch(Duration.ofHours(1))).withFaults(faults));

    for (int i = 0; i < 3; i++) {
      log.appendAsync(AppendRequest.of(event("calls", "read" + i)), Acknowledgement.WRITTEN)
          .get(20, TimeUnit.SECONDS);
    }
    assertThat(faults.syncs.get()).as("no sync started for groups nobody waits on").isZero();
    assertThat(log.lastPosition()).as("deferred records are not readable yet").isZero();

    assertThat(log.append(AppendRequest.of(event("calls", "write")))).isEqualTo(new AppendResult(4, 4));
    assertThat(faults.syncs.get()).as("one sync covers the deferred groups and the write").isEqualTo(1);
    assertThat(texts(log.readForward(1, 10))).containsExactly("read0", "read1", "read2", "write");
  }

  @Test
  void a_deferred_group_is_synced_within_its_deferral_without_another_append() throws Exception {
    ChronicleEventLog log =
        open(TestLogs.config(dir()).withFsync(FsyncPolicy.batch(Duration.ofMillis(20))));
    log.appendAsync(AppendRequest.of(event("calls", "read")), Acknowledgement.WRITTEN)
        .get(20, TimeUnit.SECONDS);
    // The idle writer must wake for the deferred sync by itself.
    assertThat(log.awaitPosition(0, Duration.ofSeconds(20))).isEqualTo(1);
    assertThat(texts(log.readForward(1, 10))).containsExactly("read");
  }

  @Test
  void closing_syncs_deferred_groups_at_once() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log =
        open(TestLogs.config(dir()).withFsync(FsyncPolicy.batch(Duration.ofHours(1))).withFaults(faults));
    log.appendAsync(AppendRequest.of(event("calls", "read")), Acknowledgement.WRITTEN)
        .get(20, TimeUnit.SECONDS);
    log.close(); // the class timeout fails this if close waited for the deferral
    assertThat(faults.syncs.get()).isEqualTo(1);

    ChronicleEventLog again = open();
    assertThat(texts(again.readForward(1, 10))).containsExactly("read");
  }

  @Test
  void a_batch_acknowledged_when_written_whose_sync_fails_is_never_served() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    faults.holdFirstSync = new CountDownLatch(1);
    faults.failSyncNumber.set(1);
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));

    CompletableFuture<AppendResult> read =
        log.appendAsync(AppendRequest.of(event("calls", "lost read")), Acknowledgement.WRITTEN);
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(read.get(20, TimeUnit.SECONDS).firstPosition()).isEqualTo(1);
    // Written behind the failing sync, so chained to the lost record: it fails with it.
    CompletableFuture<AppendResult> behind = log.appendAsync(AppendRequest.of(event("calls", "behind")));
    assertThat(faults.awaitWrites(2, 20, TimeUnit.SECONDS)).isTrue();
    faults.holdFirstSync.countDown();
    assertThatThrownBy(() -> behind.get(20, TimeUnit.SECONDS)).hasMessageContaining("could not be synced");

    log.append(AppendRequest.of(event("calls", "after")));
    assertThat(texts(log.readForward(1, 10))).containsExactly("after");
  }

  @Test
  void none_policy_acknowledges_without_syncing_and_keeps_everything_across_reopen() {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log = open(TestLogs.config(dir()).withFsync(FsyncPolicy.none()).withFaults(faults));
    for (int i = 0; i < 50; i++) log.append(AppendRequest.of(event("n", "e" + i)));
    assertThat(faults.syncs.get()).isZero();
    log.close();

    ChronicleEventLog again = open(TestLogs.config(dir()).withFsync(FsyncPolicy.none()));
    assertThat(texts(again.readForward(1, 100))).hasSize(50).startsWith("e0").endsWith("e49");
  }

  @Test
  void interval_policy_acknowledges_at_once_and_syncs_later_while_idle() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log =
        open(TestLogs.config(dir())
            .withFsync(FsyncPolicy.interval(Duration.ofMillis(50)))
            .withFaults(faults));
    log.append(AppendRequest.of(event("i", "one")));
    assertThat(log.lastPosition()).isEqualTo(1);
    // No further appends: the idle writer must still sync within the interval.
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void fsync_policies_parse_from_the_command_line_form() {
    assertThat(FsyncPolicy.parse("batch")).isEqualTo(FsyncPolicy.batch());
    assertThat(FsyncPolicy.parse("none")).isEqualTo(FsyncPolicy.none());
    assertThat(FsyncPolicy.parse("interval:250"))
        .isEqualTo(FsyncPolicy.interval(Duration.ofMillis(250)));
    assertThatThrownBy(() -> FsyncPolicy.parse("sometimes"))
        .hasMessageContaining("sometimes");
  }

  @Test
  void batch_takes_its_deferral_in_milliseconds_and_prints_back_as_it_was_given() {
    assertThat(FsyncPolicy.parse("batch:250")).isEqualTo(FsyncPolicy.batch(Duration.ofMillis(250)));
    assertThat(FsyncPolicy.parse("batch:0")).isEqualTo(FsyncPolicy.batch(Duration.ZERO));
    assertThat(FsyncPolicy.parse("batch")).hasToString("batch");
    for (String form : List.of("batch:250", "batch:0", "interval:250", "none")) {
      assertThat(FsyncPolicy.parse(form)).hasToString(form);
    }
    for (String bad : List.of("batch:", "batch:soon", "batch:-1", "interval:0", "interval:x")) {
      assertThatThrownBy(() -> FsyncPolicy.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("milliseconds");
    }
  }

  // ---- storage faults -----------------------------------------------------------------------

  @Test
  void a_failed_write_fails_only_that_append_and_the_position_is_reused() {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));
    log.append(AppendRequest.of(event("f", "ok-1")));
    faults.failNextWrite.set(true);

    assertThatThrownBy(() -> log.append(AppendRequest.of(event("f", "lost"))))
        .isInstanceOf(EventLogStorageException.class)
        .hasMessageContaining("injected write failure");
    assertThat(log.lastPosition()).isEqualTo(1);
    assertThat(log.append(AppendRequest.of(event("f", "ok-2")))).isEqualTo(new AppendResult(2, 2));
    assertThat(texts(log.readForward(1, 10))).containsExactly("ok-1", "ok-2");
    log.close();

    assertThat(texts(open().readForward(1, 10))).containsExactly("ok-1", "ok-2");
    assertThat(ChronicleLogVerifier.verify(dir()).intact()).isTrue();
  }

  /**
   * The writer puts a whole group's batches into shared documents: a write failing in the middle
   * of a group must take out that batch alone, and the batches after it must take its positions.
   */
  @Test
  void a_failed_write_inside_a_group_fails_only_that_batch() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    faults.holdFirstSync = new CountDownLatch(1);
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));
    CompletableFuture<AppendResult> first = log.appendAsync(AppendRequest.of(event("g", "first")));
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
    faults.failWriteAt.set(2 + 150); // the 151st queued batch, inside the group
    List<CompletableFuture<AppendResult>> rest = new ArrayList<>();
    for (int i = 0; i < 300; i++) rest.add(log.appendAsync(AppendRequest.of(event("g", "e" + i))));
    faults.holdFirstSync.countDown();
    first.get(20, TimeUnit.SECONDS);

    List<String> expected = new ArrayList<>(List.of("first"));
    for (int i = 0; i < 300; i++) {
      CompletableFuture<AppendResult> f = rest.get(i);
      if (i == 150) {
        assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS))
            .hasRootCauseMessage("injected write failure at 152");
      } else {
        assertThat(f.get(20, TimeUnit.SECONDS).firstPosition()).isEqualTo(expected.size() + 1);
        expected.add("e" + i);
      }
    }
    assertThat(texts(log.readForward(1, 1000))).isEqualTo(expected);
    log.close();
    assertThat(texts(open().readForward(1, 1000))).isEqualTo(expected);
    assertThat(ChronicleLogVerifier.verify(dir()).intact()).isTrue();
  }

  /** A group spanning several documents: a failed sync cuts every one of them. */
  @Test
  void a_failed_sync_of_a_group_of_several_documents_acknowledges_none_of_it() throws Exception {
    RecordingFaults faults = new RecordingFaults();
    faults.holdFirstSync = new CountDownLatch(1);
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));
    CompletableFuture<AppendResult> first = log.appendAsync(AppendRequest.of(event("g", "first")));
    assertThat(faults.firstSyncEntered.await(20, TimeUnit.SECONDS)).isTrue();
    String big = "x".repeat(4000); // 200 of these fill several documents
    List<CompletableFuture<AppendResult>> rest = new ArrayList<>();
    for (int i = 0; i < 200; i++) rest.add(log.appendAsync(AppendRequest.of(event("g", big + i))));
    // All written while the first sync is held, so the next sync covers all of them.
    assertThat(faults.awaitWrites(201, 20, TimeUnit.SECONDS)).isTrue();
    faults.failSyncNumber.set(2); // the group's own sync (the first one is being held)
    faults.holdFirstSync.countDown();
    first.get(20, TimeUnit.SECONDS);
    for (CompletableFuture<AppendResult> f : rest) {
      assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasMessageContaining("could not be synced");
    }
    assertThat(log.lastPosition()).isEqualTo(1);
    assertThat(log.append(AppendRequest.of(event("g", "after")))).isEqualTo(new AppendResult(2, 2));
    log.close();

    assertThat(texts(open().readForward(1, 1000))).containsExactly("first", "after");
    VerifyReport report = ChronicleLogVerifier.verify(dir());
    assertThat(report.intact()).isTrue();
    assertThat(report.cutDocuments()).hasSizeGreaterThan(1)
        .allSatisfy(c -> assertThat(c.reason()).contains("fsync failed"));
  }

  @Test
  void a_failed_sync_never_acknowledges_the_batch_and_the_log_stays_usable() {
    RecordingFaults faults = new RecordingFaults();
    ChronicleEventLog log = open(TestLogs.config(dir()).withFaults(faults));
    log.append(AppendRequest.of(event("f", "ok-1")).withIdempotencyKey("k1"));
    faults.failNextSync.set(true);

    assertThatThrownBy(
            () -> log.append(AppendRequest.of(event("f", "unsynced"), event("f", "too"))
                .withIdempotencyKey("k2")))
        .isInstanceOf(EventLogStorageException.class)
        .hasMessageContaining("could not be synced");
    assertThat(log.lastPosition()).isEqualTo(1);
    assertThat(log.streamVersion("f")).isEqualTo(1);
    assertThat(texts(log.readForward(1, 10))).containsExactly("ok-1");
    // The key of the failed batch is free again; positions continue without a gap.
    assertThat(log.append(AppendRequest.of(event("f", "ok-2")).withIdempotencyKey("k2")))
        .isEqualTo(new AppendResult(2, 2));
    log.close();

    ChronicleEventLog again = open();
    assertThat(texts(again.readForward(1, 10))).containsExactly("ok-1", "ok-2");
    assertThatThrownBy(() -> again.append(AppendRequest.of(event("f", "x")).withIdempotencyKey("k2")))
        .isInstanceOf(DuplicateAppendException.class);
    VerifyReport report = ChronicleLogVerifier.verify(dir());
    assertThat(report.intact()).isTrue();
    assertThat(report.cutDocuments()).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("fsync failed"));
  }

  @Test
  void a_nearly_full_disk_fails_appends_with_a_clear_error_and_reads_go_on() {
    ChronicleEventLog log = open();
    log.append(AppendRequest.of(event("d", "before")));
    log.close();

    ChronicleEventLog full = open(TestLogs.config(dir()).withDiskReserveBytes(Long.MAX_VALUE / 4));
    assertThatThrownBy(() -> full.append(AppendRequest.of(event("d", "after"))))
        .isInstanceOf(EventLogStorageException.class)
        .hasMessageContaining("disk full");
    assertThat(full.lastPosition()).isEqualTo(1);
    assertThat(texts(full.readForward(1, 10))).containsExactly("before");
  }

  // ---- directory lock -----------------------------------------------------------------------

  @Test
  void a_second_open_of_the_same_directory_fails_naming_the_holder() {
    open();
    assertThatThrownBy(() -> open())
        .isInstanceOfSatisfying(
            LogDirectoryLockedException.class,
            e -> {
              assertThat(e.holderPid()).contains(ProcessHandle.current().pid());
              assertThat(e.getMessage()).contains("in use by process " + ProcessHandle.current().pid());
            });
  }

  @Test
  void the_lock_is_released_on_close() {
    open().close();
    assertThat(open().lastPosition()).isZero();
  }

  // ---- torn tail and damage -----------------------------------------------------------------

  @Test
  void a_complete_but_corrupt_last_document_is_cut_on_open_and_never_served() {
    ChronicleEventLog log = open();
    log.append(AppendRequest.of(event("t", "one")));
    log.append(AppendRequest.of(event("t", "two"), event("t", "three")));
    log.close();
    appendGarbageDocument(4);

    ChronicleEventLog reopened = open();
    assertThat(reopened.recovery().cutOnOpen()).singleElement()
        .satisfies(c -> {
          assertThat(c.position()).isEqualTo(4);
          assertThat(c.reason()).contains("torn tail");
        });
    assertThat(reopened.lastPosition()).isEqualTo(3);
    assertThat(texts(reopened.readForward(1, 10))).containsExactly("one", "two", "three");
    assertThat(reopened.append(AppendRequest.of(event("t", "four")))).isEqualTo(new AppendResult(4, 4));
    assertThat(texts(reopened.readForward(4, 10))).containsExactly("four");
    reopened.close();

    ChronicleEventLog third = open();
    assertThat(third.recovery().cutOnOpen()).isEmpty();
    assertThat(texts(third.readForward(1, 10))).containsExactly("one", "two", "three", "four");
    assertThat(third.readStream("t", 4, 10)).extracting(TestLogs::text).containsExactly("four");
    VerifyReport report = ChronicleLogVerifier.verify(dir());
    assertThat(report.intact()).isTrue();
    assertThat(report.lastPosition()).isEqualTo(4);
    assertThat(report.cutDocuments()).hasSize(1);
  }

  @Test
  void a_last_document_with_a_flipped_byte_is_cut_as_a_torn_tail() throws Exception {
    ChronicleEventLog log = open();
    log.append(AppendRequest.of(event("t", "keep-me")));
    log.append(AppendRequest.of(event("t", "tail-marker-xyz")));
    log.close();
    Files.deleteIfExists(dir().resolve(IndexSnapshot.FILE_NAME));
    TestLogs.flipByteOf(dir(), "tail-marker-xyz");

    ChronicleEventLog reopened = open();
    assertThat(reopened.recovery().cutOnOpen()).extracting(CutDocument::position).containsExactly(2L);
    assertThat(texts(reopened.readForward(1, 10))).containsExactly("keep-me");
  }

  @Test
  void damage_before_the_tail_fails_open_and_verify_names_the_first_bad_position()
      throws Exception {
    ChronicleEventLog log = open();
    for (int i = 1; i <= 10; i++) log.append(AppendRequest.of(event("v", "payload-" + i + "-marker")));
    log.close();
    Files.deleteIfExists(dir().resolve(IndexSnapshot.FILE_NAME));
    TestLogs.flipByteOf(dir(), "payload-7-marker");

    VerifyReport report = ChronicleLogVerifier.verify(dir());
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBadPosition()).contains(7L);
    assertThat(report.eventsVerified()).isEqualTo(6);
    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.position()).isEqualTo(7));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyMain.run(new String[] {dir().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("DAMAGED at position 7");
  }

  @Test
  void verify_passes_an_intact_log_and_exits_0() {
    ChronicleEventLog log = open();
    for (int i = 0; i < 20; i++) log.append(AppendRequest.of(event("v", "e" + i), event("w", "f" + i)));
    // verify is read-only and works beside the open log
    VerifyReport report = ChronicleLogVerifier.verify(dir());
    assertThat(report.intact()).isTrue();
    assertThat(report.eventsVerified()).isEqualTo(40);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(VerifyMain.run(new String[] {dir().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(VerifyMain.run(new String[] {temp.resolve("missing").toString()}, System.out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
  }

  /** Appends a complete Chronicle document that claims {@code position} but holds junk. */
  private void appendGarbageDocument(long position) {
    try (SingleChronicleQueue q =
            SingleChronicleQueueBuilder.binary(dir())
                .rollCycle(TestLogs.config(dir()).rollCycle())
                .timeProvider(clock::millis)
                .build();
        ExcerptAppender appender = q.createAppender()) {
      try (DocumentContext dc = appender.writingDocument()) {
        dc.wire().bytes().writeInt(BatchDocument.MAGIC);
        dc.wire().bytes().writeLong(position);
        dc.wire().bytes().writeInt(1);
        dc.wire().bytes().writeInt(12);
        dc.wire().bytes().write("not a record".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  // ---- snapshot -----------------------------------------------------------------------------

  @Test
  void the_index_snapshot_makes_reopen_replay_only_the_tail_and_is_rebuilt_when_missing_or_bad()
      throws Exception {
    ChronicleEventLog log = open(TestLogs.config(dir()).withSnapshotEveryEvents(10));
    for (int i = 0; i < 25; i++) {
      log.append(AppendRequest.of(event("s" + (i % 3), "e" + i)).withIdempotencyKey("key-" + i));
    }
    log.close(); // writes a final snapshot
    Path snapshot = dir().resolve(IndexSnapshot.FILE_NAME);
    assertThat(snapshot).exists();

    ChronicleEventLog fromSnapshot = open();
    assertThat(fromSnapshot.recovery().snapshotUsed()).isTrue();
    assertThat(fromSnapshot.recovery().eventsVerified()).isZero();
    State expected = State.of(fromSnapshot);
    fromSnapshot.close();

    Files.delete(snapshot);
    ChronicleEventLog rebuilt = open();
    assertThat(rebuilt.recovery().snapshotUsed()).isFalse();
    assertThat(rebuilt.recovery().eventsVerified()).isEqualTo(25);
    assertThat(State.of(rebuilt)).isEqualTo(expected);
    rebuilt.close();

    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(snapshot, bytes);
    ChronicleEventLog afterCorruption = open();
    assertThat(afterCorruption.recovery().snapshotUsed()).isFalse();
    assertThat(afterCorruption.recovery().notes()).anyMatch(n -> n.contains("snapshot"));
    assertThat(State.of(afterCorruption)).isEqualTo(expected);
    assertThatThrownBy(() -> afterCorruption.append(AppendRequest.of(event("s0", "x")).withIdempotencyKey("key-3")))
        .isInstanceOf(DuplicateAppendException.class);
  }

  @Test
  void a_snapshot_of_another_history_is_detected_and_ignored() throws Exception {
    ChronicleEventLog a = open();
    for (int i = 0; i < 5; i++) a.append(AppendRequest.of(event("a", "a" + i)));
    a.close();
    Path foreign = temp.resolve("foreign.snapshot");
    Files.copy(dir().resolve(IndexSnapshot.FILE_NAME), foreign);

    Path other = temp.resolve("other");
    ChronicleEventLog b = open(TestLogs.config(other));
    for (int i = 0; i < 8; i++) b.append(AppendRequest.of(event("b", "b" + i)));
    b.close();
    Files.copy(foreign, other.resolve(IndexSnapshot.FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    ChronicleEventLog reopened = open(TestLogs.config(other));
    assertThat(reopened.recovery().snapshotUsed()).isFalse();
    assertThat(reopened.lastPosition()).isEqualTo(8);
    assertThat(reopened.streamVersion("a")).isZero();
    assertThat(reopened.streamVersion("b")).isEqualTo(8);
  }

  /** What an open log answers, for comparing a snapshot-based open with a rebuilt one. */
  private record State(long last, long s0, long s1, long s2, List<String> hashes) {
    static State of(ChronicleEventLog log) {
      return new State(
          log.lastPosition(),
          log.streamVersion("s0"),
          log.streamVersion("s1"),
          log.streamVersion("s2"),
          log.readForward(1, 1000).stream().map(StoredEvent::hashHex).toList());
    }
  }

  // ---- files, cycles, search ----------------------------------------------------------------

  @Test
  void positions_are_found_across_daily_files_and_after_reopen() throws Exception {
    ChronicleEventLog log = open();
    List<String> expected = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < 40; i++) {
        String p = "d" + day + "-" + i;
        log.append(AppendRequest.of(event(i % 2 == 0 ? "even" : "odd", p)));
        expected.add(p);
      }
      clock.advance(Duration.ofDays(1));
    }
    try (var files = Files.list(dir())) {
      assertThat(files.filter(f -> f.toString().endsWith(".cq4")).count()).isEqualTo(3);
    }
    for (int from = 1; from <= 120; from += 7) {
      assertThat(texts(log.readForward(from, 5)))
          .isEqualTo(expected.subList(from - 1, Math.min(120, from + 4)));
    }
    log.close();
    ChronicleEventLog again = open();
    assertThat(texts(again.readForward(79, 3))).isEqualTo(expected.subList(78, 81));
    assertThat(again.readStream("odd", 30, 3)).extracting(StoredEvent::position)
        .containsExactly(60L, 62L, 64L);
    assertThat(again.append(AppendRequest.of(event("even", "late")))).isEqualTo(new AppendResult(121, 121));
  }
}
