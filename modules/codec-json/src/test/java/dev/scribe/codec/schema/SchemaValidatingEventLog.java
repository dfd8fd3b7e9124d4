package dev.scribe.codec.schema;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.Acknowledgement;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventListener;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test decorator that checks every event written through it against the published schemas.
 * After each successful append it reads the appended positions back from the delegate and
 * validates them; an invalid event fails the append with an {@link AssertionError} naming the
 * event and its violations. Everything else is delegated unchanged.
 *
 * <p>The failure is also remembered, and {@link #close()} throws it again, so a violation cannot
 * be lost in code that swallows a failed append; a test that provokes one on purpose takes it with
 * {@link #takeFailures()}. Validation runs on the thread that completes the delegate's future;
 * an append acknowledged {@link Acknowledgement#WRITTEN} (readable only once durable) is validated
 * in the background once readable, without delaying its caller, and {@link #close()} waits for it.
 *
 * <pre>{@code
 * EventLog log = SchemaValidatingEventLog.wrap(InMemoryEventLog.create(clock, ids));
 * }</pre>
 */
public final class SchemaValidatingEventLog implements EventLog {
  private final EventLog delegate;
  private final EventSchemaValidator validator;
  private final List<String> failures = new ArrayList<>();
  private final Set<CompletableFuture<Void>> backgroundChecks = ConcurrentHashMap.newKeySet();

  public SchemaValidatingEventLog(EventLog delegate, EventSchemaValidator validator) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.validator = requireNonNull(validator, "validator");
  }

  /** {@code delegate}, validated against the schemas on the classpath. */
  public static SchemaValidatingEventLog wrap(EventLog delegate) {
    return new SchemaValidatingEventLog(delegate, EventSchemaValidator.shared());
  }

  /** The decorated log. */
  public EventLog delegate() {
    return delegate;
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(AppendRequest request) {
    return delegate.appendAsync(request).thenApply(this::validateAppended);
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(AppendRequest request, Acknowledgement when) {
    if (when == Acknowledgement.DURABLE) return appendAsync(request);
    CompletableFuture<AppendResult> appended = delegate.appendAsync(request, when);
    CompletableFuture<Void> check =
        appended.thenAcceptAsync(
            r -> {
              awaitReadable(r.lastPosition());
              try {
                validateAppended(r);
              } catch (AssertionError remembered) {
                // in failures: close() throws it
              }
            });
    backgroundChecks.add(check);
    check.whenComplete((v, e) -> backgroundChecks.remove(check));
    return appended;
  }

  private void awaitReadable(long position) {
    try {
      delegate.awaitReached(position, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private AppendResult validateAppended(AppendResult result) {
    List<StoredEvent> events = delegate.readForward(result.firstPosition(), result.size());
    StringBuilder report = new StringBuilder();
    if (events.size() != result.size()
        || events.get(0).position() != result.firstPosition()) {
      report.append("The log acknowledged positions ").append(result.firstPosition()).append("..")
          .append(result.lastPosition()).append(" but reading them back returned ").append(events);
    } else {
      for (StoredEvent e : events) {
        List<Violation> violations = validator.validate(e);
        if (!violations.isEmpty()) {
          if (report.length() > 0) report.append("\n");
          report.append(EventSchemaValidator.describe(e, violations));
        }
      }
    }
    if (report.length() == 0) return result;
    String failure = report.toString();
    synchronized (failures) {
      failures.add(failure);
    }
    throw new AssertionError(failure);
  }

  /** The schema failures seen so far, oldest first; forgets them (so {@link #close()} will not throw them). */
  public List<String> takeFailures() {
    synchronized (failures) {
      List<String> taken = List.copyOf(failures);
      failures.clear();
      return taken;
    }
  }

  @Override
  public long lastPosition() {
    return delegate.lastPosition();
  }

  @Override
  public List<StoredEvent> readForward(long fromPosition, int maxEvents) {
    return delegate.readForward(fromPosition, maxEvents);
  }

  @Override
  public long awaitPosition(long knownLastPosition, Duration timeout) throws InterruptedException {
    return delegate.awaitPosition(knownLastPosition, timeout);
  }

  @Override
  public long forEach(long fromPosition, Consumer<StoredEvent> consumer) {
    return delegate.forEach(fromPosition, consumer);
  }

  @Override
  public long streamVersion(String stream) {
    return delegate.streamVersion(stream);
  }

  @Override
  public List<StoredEvent> readStream(String stream, long fromVersion, int maxEvents) {
    return delegate.readStream(stream, fromVersion, maxEvents);
  }

  @Override
  public Subscription subscribe(String name, long fromPosition, EventListener listener) {
    return delegate.subscribe(name, fromPosition, listener);
  }

  /** Closes the delegate, then fails if any appended event did not match its schema. */
  @Override
  public void close() {
    for (CompletableFuture<Void> check : List.copyOf(backgroundChecks)) {
      try {
        check.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a failed append was reported to its caller; a schema failure is in failures
      }
    }
    delegate.close();
    List<String> left = takeFailures();
    if (!left.isEmpty()) {
      throw new AssertionError(
          left.size() + " append(s) wrote events that do not match their schema:\n"
              + String.join("\n", left));
    }
  }
}
