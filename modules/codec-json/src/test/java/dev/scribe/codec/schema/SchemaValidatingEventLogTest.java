package dev.scribe.codec.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.SampleEvents;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaValidatingEventLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-03T09:15:02.114Z"), ZoneOffset.UTC);
  private final AtomicLong ids = new AtomicLong();
  private final Supplier<String> eventIds = () -> "evt-" + ids.incrementAndGet();
  private final InMemoryEventLog memory = InMemoryEventLog.create(CLOCK, eventIds);
  private final SchemaValidatingEventLog log = SchemaValidatingEventLog.wrap(memory);
  private final EventCodec codec = new EventCodec();

  @AfterEach
  void close() {
    log.close();
  }

  private NewEvent sample(ScribeEvent e) {
    return codec.toNew(e, "stream-" + e.typeName(), SampleEvents.SESSION, "exec-1");
  }

  private static NewEvent raw(String type, String stream, String payload) {
    return new NewEvent(type, 1, stream, SampleEvents.SESSION, "exec-1", payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void valid_events_pass_through_and_are_readable() {
    List<NewEvent> all = SampleEvents.all().stream().map(this::sample).toList();
    AppendResult result = log.append(AppendRequest.of(all).withIdempotencyKey("batch-1"));
    assertThat(result.size()).isEqualTo(all.size());
    assertThat(log.lastPosition()).isEqualTo(all.size());
    assertThat(log.readForward(1, 100)).hasSize(all.size());
    assertThat(log.streamVersion("stream-CaseClosed")).isEqualTo(1);
    assertThat(log.readStream("stream-CaseClosed", 1, 10)).extracting(StoredEvent::type).containsExactly("CaseClosed");
    assertThat(log.takeFailures()).isEmpty();
  }

  @Test
  void an_invalid_event_fails_the_append_with_the_event_and_its_violations() {
    NewEvent bad = raw("SessionClosed", "session-x", "{\"sessionId\":\"sess\",\"reason\":\"bored\"}");
    assertThatThrownBy(() -> log.append(AppendRequest.of(bad)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("position 1 (SessionClosed v1 on stream 'session-x')")
        .hasMessageContaining("$.payload.reason")
        .hasMessageContaining("\"reason\":\"bored\"");
    assertThat(log.takeFailures()).hasSize(1);
  }

  @Test
  void only_the_invalid_events_of_a_batch_are_reported() {
    NewEvent good = sample(SampleEvents.all().get(0));
    NewEvent missing = raw("CaseClosed", "case-BUG-2026-01-03-0001", "{\"rootCause\":\"x\"}");
    assertThatThrownBy(() -> log.append(AppendRequest.of(good, missing)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("position 2 (CaseClosed")
        .hasMessageContaining("$.payload.caseId")
        .hasMessageNotContaining("position 1");
    log.takeFailures();
  }

  @Test
  void an_unknown_event_type_fails_the_append() {
    assertThatThrownBy(() -> log.append(AppendRequest.of(raw("Nope", "s", "{}"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("$.type")
        .hasMessageContaining("'Nope'");
    log.takeFailures();
  }

  @Test
  void the_async_future_fails_too() {
    NewEvent bad = raw("CaseClosed", "case-BUG-2026-01-03-0001", "{\"caseId\":\"nope\",\"rootCause\":\"x\"}");
    assertThatThrownBy(() -> log.appendAsync(AppendRequest.of(bad)).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("$.payload.caseId");
    log.takeFailures();
  }

  @Test
  void a_violation_nobody_took_fails_close() {
    SchemaValidatingEventLog other = SchemaValidatingEventLog.wrap(InMemoryEventLog.create(CLOCK, eventIds));
    other.appendAsync(AppendRequest.of(raw("CaseClosed", "c", "{}"))); // failure ignored by the caller
    assertThatThrownBy(other::close)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 append(s) wrote events that do not match their schema")
        .hasMessageContaining("$.payload.caseId");
    assertThatThrownBy(() -> other.delegate().readForward(1, 1))
        .as("the delegate is closed")
        .isInstanceOf(EventLogClosedException.class);
  }

  @Test
  void the_delegates_own_failures_pass_through_unchanged() {
    NewEvent good = sample(SampleEvents.all().get(0));
    log.append(AppendRequest.of(good));
    AppendRequest stale = AppendRequest.of(good).expecting(good.stream(), ExpectedVersion.noStream());
    assertThatThrownBy(() -> log.append(stale)).isInstanceOf(ExpectedVersionMismatchException.class);
    assertThat(log.takeFailures()).isEmpty();
  }
}
