package dev.scribe.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.server.bus.EventBusPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EntriesPerProjectTest {
  private static final EventCodec CODEC = new EventCodec();
  private final AtomicLong ids = new AtomicLong();
  private final InMemoryEventLog log =
      InMemoryEventLog.create(
          Clock.fixed(Instant.parse("2026-11-24T16:32:20Z"), ZoneOffset.UTC),
          () -> "evt-" + ids.incrementAndGet());

  @AfterEach
  void closeLog() {
    log.close();
  }

  private void append(ScribeEvent event, String stream) {
    log.append(AppendRequest.of(CODEC.toNew(event, stream, "s1", "")));
  }

  private void entries(String project, int n) {
    for (int i = 0; i < n; i++) {
      append(
          new EntryAppended(
              "id-" + project + i + "-" + ids.get(),
              project,
              "progress",
              List.of(),
              "2026-11-24 16:32:20 UTC",
              1795624340000L,
              "ℹ️",
              "info",
              "Codex",
              "m",
              List.of(),
              "medium",
              null,
              List.of(),
              null,
              "0".repeat(64)),
          Streams.project(project));
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void counts_history_and_live_entries_exactly_once(Vertx vertx) throws Exception {
    entries("alpha", 3);
    entries("beta", 2);
    append(new ToolInvoked("read_recent", "{}", "ok", null, 10), Streams.calls("s1"));
    await(vertx.deployVerticle(EventBusPublisher.over(log, CODEC)));
    EntriesPerProject counter = await(EntriesPerProject.start(vertx, log, CODEC));

    entries("alpha", 4);
    entries("gamma", 1);
    assertThat(await(counter.countsAt(log.lastPosition())))
        .isEqualTo(Map.of("alpha", 7L, "beta", 2L, "gamma", 1L));

    append(new ProjectDeleted("beta", "permanent", null), Streams.PROJECTS);
    entries("beta", 1); // a new project of the same name starts from zero
    assertThat(await(counter.countsAt(log.lastPosition())))
        .isEqualTo(Map.of("alpha", 7L, "beta", 1L, "gamma", 1L));
    assertThat(counter.counts()).isEqualTo(Map.of("alpha", 7L, "beta", 1L, "gamma", 1L));
    await(counter.close());
  }
}
