package dev.scribe.example;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.server.bus.EventAddresses;
import dev.scribe.server.bus.EventBusPublisher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link EntriesPerProject} against an in-memory log: some entries are written before anything
 * listens (history), the publisher and the counter start, more entries arrive live, and the counts
 * are printed once the counter has seen the last position.
 */
public final class EntriesPerProjectDemo {
  private EntriesPerProjectDemo() {}

  public static void main(String[] args) throws Exception {
    EventCodec codec = new EventCodec();
    Vertx vertx = Vertx.vertx();
    try (InMemoryEventLog log =
        InMemoryEventLog.create(Clock.systemUTC(), () -> UUID.randomUUID().toString())) {
      String session = UUID.randomUUID().toString().replace("-", "");
      for (String p : List.of("alpha", "alpha", "alpha", "beta", "beta")) {
        append(log, codec, session, entry(p, "written before anyone listened"));
      }
      await(vertx.deployVerticle(EventBusPublisher.over(log, codec)));
      // Any consumer can listen on an address; this one prints the live entries in order.
      Promise<Void> printed = Promise.promise();
      vertx
          .eventBus()
          .<RecordedEvent>consumer(
              EventAddresses.type("EntryAppended"),
              m -> {
                EntryAppended e = (EntryAppended) m.body().event();
                System.out.println(
                    "live on " + m.address() + ": #" + m.body().position() + " " + e.project());
                if (e.project().equals("gamma")) printed.complete();
              });
      EntriesPerProject counter = await(EntriesPerProject.start(vertx, log, codec));

      for (String p : List.of("alpha", "alpha", "gamma")) {
        append(log, codec, session, entry(p, "written live"));
      }
      append(log, codec, session, new ProjectDeleted("beta", "permanent", null));

      Map<String, Long> counts = await(counter.countsAt(log.lastPosition()));
      await(printed.future());
      System.out.println("entries per project at position " + log.lastPosition() + ": " + counts);
      await(counter.close());
    } finally {
      await(vertx.close());
    }
  }

  private static void append(
      InMemoryEventLog log, EventCodec codec, String session, ScribeEvent event) {
    String stream =
        event instanceof EntryAppended e ? Streams.project(e.project()) : Streams.PROJECTS;
    log.append(AppendRequest.of(codec.toNew(event, stream, session, "")));
  }

  private static EntryAppended entry(String project, String message) {
    return new EntryAppended(
        UUID.randomUUID().toString(),
        project,
        "progress",
        List.of(),
        "2026-11-24 16:32:20 UTC",
        1795624340000L,
        "ℹ️",
        "info",
        "Demo",
        message,
        List.of(),
        "medium",
        null,
        List.of(),
        null,
        "0".repeat(64));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
