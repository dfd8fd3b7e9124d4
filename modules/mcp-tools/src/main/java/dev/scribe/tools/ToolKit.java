package dev.scribe.tools;

import static java.util.Objects.requireNonNull;

import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.AppendEvents;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.ReadStream;
import dev.scribe.projections.ProjectionRunner;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every tool may use. Handlers get narrow ports: they append through {@link #writer()} and
 * read the log only through {@link ReadAll}/{@link ReadStream}.
 *
 * @param ids unique ids (128-bit random hex in production, deterministic in tests)
 */
public record ToolKit(
    AppendEvents log,
    ReadAll reads,
    ReadStream streams,
    EventCodec codec,
    ProjectionRunner projections,
    Clock clock,
    Supplier<String> ids) {
  public ToolKit {
    requireNonNull(log, "log");
    requireNonNull(reads, "reads");
    requireNonNull(streams, "streams");
    requireNonNull(codec, "codec");
    requireNonNull(projections, "projections");
    requireNonNull(clock, "clock");
    requireNonNull(ids, "ids");
  }

  /** Appends a call's events. */
  public EventWriter writer() {
    return new EventWriter(log, reads, codec);
  }
}
