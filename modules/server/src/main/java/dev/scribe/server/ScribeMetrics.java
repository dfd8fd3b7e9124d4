package dev.scribe.server;

import dev.scribe.eventlog.ReadAll;
import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.SessionObserver;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.TransportKind;
import dev.scribe.projections.ProjectionRunner;
import dev.scribe.projections.ProjectionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The server's metrics, scraped at {@code GET /metrics} (Prometheus text format): tool calls by
 * tool and outcome with latency, sessions opened/closed/open, the log position and each
 * projection's lag, plus JVM memory, GC and threads.
 */
final class ScribeMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  ScribeMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Gauges over the log, the projections and the open sessions. */
  void watch(ReadAll log, ProjectionRunner projections, IntSupplier openSessions) {
    Gauge.builder("scribe.log.position", log, ReadAll::lastPosition)
        .description("position of the last acknowledged event")
        .register(registry);
    Gauge.builder("scribe.sessions.open", openSessions::getAsInt)
        .description("open HTTP sessions")
        .register(registry);
    for (ProjectionStatus s : projections.status()) {
      String name = s.name();
      Gauge.builder("scribe.projection.lag", () -> projections.status(name).lag())
          .tag("projection", name)
          .description("acknowledged events not yet applied")
          .register(registry);
      Gauge.builder(
              "scribe.projection.failed",
              () -> projections.status(name).failureIfAny().isPresent() ? 1 : 0)
          .tag("projection", name)
          .register(registry);
    }
  }

  /** Counts sessions and times tool calls, then hands every call to {@code recorder}. */
  SessionObserver observing(SessionObserver recorder) {
    return new SessionObserver() {
      @Override
      public CompletionStage<Void> sessionOpened(
          String sessionId, TransportKind transport, ClientInfo client, String protocolVersion) {
        Counter.builder("scribe.sessions.opened").tag("transport", transport.wireName())
            .register(registry).increment();
        return recorder.sessionOpened(sessionId, transport, client, protocolVersion);
      }

      @Override
      public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
        Counter.builder("scribe.sessions.closed").tag("reason", reason.wireName())
            .register(registry).increment();
        return recorder.sessionClosed(sessionId, reason);
      }

      @Override
      public CompletionStage<Void> toolInvoked(ToolInvocation call) {
        Timer.builder("scribe.tool.calls")
            .tag("tool", call.tool())
            .tag("outcome", call.outcome().wireName())
            .publishPercentiles(0.5, 0.99)
            .register(registry)
            .record(call.durationMicros(), TimeUnit.MICROSECONDS);
        return recorder.toolInvoked(call);
      }
    };
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  void close() {
    gc.close();
    registry.close();
  }
}
