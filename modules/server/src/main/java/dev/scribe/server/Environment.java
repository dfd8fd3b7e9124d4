package dev.scribe.server;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.chronicle.ChronicleEventLog;
import dev.scribe.eventlog.chronicle.ChronicleLogConfig;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the server takes from the outside world: time, ids and how to open the log. Production
 * uses the system clock, {@link RandomIds} and a Chronicle log in the data directory; tests inject
 * a fixed clock, sequential ids or an in-memory log.
 */
public record Environment(
    Clock clock, Supplier<String> ids, Function<OpenLog, EventLog> logFactory) {

  /** What a log factory gets. */
  public record OpenLog(DataDirectory data, ServerConfig config, Clock clock, Supplier<String> ids) {}

  public Environment {
    requireNonNull(clock, "clock");
    requireNonNull(ids, "ids");
    requireNonNull(logFactory, "logFactory");
  }

  /** The system UTC clock, secure random ids, a Chronicle log in {@code <data>/log}. */
  public static Environment production() {
    return new Environment(Clock.systemUTC(), new RandomIds(), Environment::chronicle);
  }

  /** Opens the Chronicle log of the data directory with the configured fsync policy. */
  public static EventLog chronicle(OpenLog o) {
    return ChronicleEventLog.open(
        ChronicleLogConfig.defaults(o.data().logDir()).withFsync(o.config().fsync()),
        o.clock(),
        o.ids());
  }

  public Environment withClock(Clock c) {
    return new Environment(c, ids, logFactory);
  }

  public Environment withIds(Supplier<String> i) {
    return new Environment(clock, i, logFactory);
  }

  public Environment withLogFactory(Function<OpenLog, EventLog> f) {
    return new Environment(clock, ids, f);
  }
}
