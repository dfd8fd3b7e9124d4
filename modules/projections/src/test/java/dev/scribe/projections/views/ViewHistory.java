package dev.scribe.projections.views;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.eventlog.NewEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random, realistic histories for the view tests: sessions open, register projects (some names
 * again after a deletion), update them, bind, append entries (some teed), call tools, delete
 * projects and close. Each batch is what one tool call appends.
 */
final class ViewHistory {
  static final EventCodec CODEC = new EventCodec();
  private static final String[] NAMES = {"alpha", "beta", "gamma", "delta", "Epsilon Proj"};

  private ViewHistory() {}

  /** An event with its stream and session. */
  record Placed(ScribeEvent event, String stream, String session) {}

  /** A log whose clock moves one second per reading, from a fixed start. */
  static InMemoryEventLog log(String idPrefix) {
    AtomicLong ids = new AtomicLong();
    return InMemoryEventLog.create(
        new TickingClock(Instant.parse("2026-03-01T09:00:00Z")),
        () -> idPrefix + "-" + ids.incrementAndGet());
  }

  static void append(InMemoryEventLog log, List<Placed> batch) {
    List<NewEvent> events = new ArrayList<>();
    for (Placed p : batch) events.add(CODEC.toNew(p.event(), p.stream(), p.session(), "exec"));
    log.append(AppendRequest.of(events));
  }

  static List<List<Placed>> generate(Random rnd, int batches) {
    List<List<Placed>> out = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Map<String, String> live = new HashMap<>(); // name -> root
    Map<String, String> bound = new HashMap<>();
    int sessions = 0;
    int entries = 0;
    while (out.size() < batches) {
      int r = rnd.nextInt(100);
      if (open.isEmpty() || r < 6) {
        String s = "s" + (++sessions);
        open.add(s);
        out.add(List.of(new Placed(
            new SessionOpened(s, "http", "c", "1", "2025-11-25"), Streams.session(s), s)));
      } else if (r < 16) {
        String s = open.get(rnd.nextInt(open.size()));
        String name = NAMES[rnd.nextInt(NAMES.length)];
        List<Placed> b = new ArrayList<>();
        if (!live.containsKey(name)) {
          String root = "/repo/" + rnd.nextInt(3);
          String docs = root + "/.scribe/docs/dev_plans/" + name.toLowerCase().replace(' ', '_');
          live.put(name, root);
          b.add(new Placed(
              new ProjectRegistered(name, name, root, docs, docs + "/PROGRESS_LOG.md",
                  Map.of("agent", "A" + rnd.nextInt(3)), "A", null, List.of("t" + rnd.nextInt(2))),
              Streams.PROJECTS, s));
        } else if (rnd.nextBoolean()) {
          b.add(new Placed(
              new ProjectUpdated(name, Map.of("emoji", "🛠️"), "B" + rnd.nextInt(3), "d", List.of()),
              Streams.PROJECTS, s));
        }
        b.add(new Placed(new ProjectBound(s, name), Streams.binding(s), s));
        bound.put(s, name);
        out.add(b);
      } else if (r < 20 && !live.isEmpty()) {
        String s = open.get(rnd.nextInt(open.size()));
        String name = new ArrayList<>(live.keySet()).get(rnd.nextInt(live.size()));
        String root = live.remove(name);
        out.add(List.of(new Placed(
            rnd.nextBoolean()
                ? new ProjectDeleted(name, "permanent", null)
                : new ProjectDeleted(name, "archive", root + "/archived/" + name),
            Streams.PROJECTS, s)));
      } else if (r < 23 && open.size() > 1) {
        String s = open.remove(rnd.nextInt(open.size()));
        bound.remove(s);
        out.add(List.of(new Placed(new SessionClosed(s, "deleted"), Streams.session(s), s)));
      } else if (r < 35) {
        String s = open.get(rnd.nextInt(open.size()));
        out.add(List.of(new Placed(
            new ToolInvoked("read_recent", "{}", "ok", null, 10), Streams.calls(s), s)));
      } else {
        String s = open.get(rnd.nextInt(open.size()));
        String name = bound.get(s);
        if (name == null || !live.containsKey(name)) continue;
        int n = 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(12) : 0);
        List<Placed> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          entries++;
          boolean bug = rnd.nextInt(8) == 0;
          b.add(new Placed(entry(name, "e" + entries, rnd.nextInt(4), bug), Streams.project(name), s));
        }
        out.add(b);
      }
    }
    return out;
  }

  static EntryAppended entry(String project, String id, int agent, boolean bug) {
    return new EntryAppended(
        id, project, bug ? "bugs" : "progress", bug ? List.of("progress") : List.of(),
        "2026-03-01 09:00:00 UTC", 1_772_355_600_000L, bug ? "🐞" : "ℹ️", bug ? "bug" : "info",
        "agent" + agent, "message " + id, List.of(new MetaPair("k", id)),
        bug ? "high" : "low", null, List.of(), null, "0".repeat(64));
  }

  /** A clock that moves one second each time it is read. */
  static final class TickingClock extends Clock {
    private final AtomicLong seconds;

    TickingClock(Instant start) {
      this.seconds = new AtomicLong(start.getEpochSecond());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.getAndIncrement());
    }
  }
}
