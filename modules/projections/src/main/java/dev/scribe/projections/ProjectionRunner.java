package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.codec.EventCodec;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.TailEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs projections over the event log, each isolated from the others.
 *
 * <ul>
 *   <li>On {@link #start} each projection opens its checkpoint (in {@code <base>/<name>/}), which
 *       is checked against the log (position and event hash), and catches up from there through its
 *       own {@link TailEvents#subscribe subscription} on its own thread ({@code
 *       scribe-tail-projection-<name>}): a slow projection delays nobody.
 *   <li>Stored events are decoded with the {@link EventCodec}. A projection whose decode, apply or
 *       checkpoint throws is {@link ProjectionState#FAILED} — with the position and the error in
 *       its {@link #status} — and stops; the others keep running.
 *   <li>Checkpoints are taken every {@link RunnerConfig#checkpointEvery()} events, and by one named
 *       thread ({@code scribe-projections-checkpoint}) when a projection is idle or caught up, and
 *       on {@link #close}; never per event.
 *   <li>{@link #rebuild} drops a projection's state and replays from position 0; {@link #restart}
 *       reopens it from its durable checkpoint (after fixing what made it fail).
 *   <li>{@link #awaitApplied} gives read-your-writes: a tool handler that appended up to position p
 *       waits until the projection it reads has applied p.
 * </ul>
 *
 * Thread-safe.
 */
public final class ProjectionRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final ReadAll log;
  private final TailEvents tail;
  /** The tail this runner made (and so closes), if it made it. */
  private final @Nullable SharedTail ownTail;
  private final EventCodec codec;
  /** Decodes each event once for every projection; 2048 events of slack between them. */
  private static final int DECODE_RING = 2048;
  private final DecodedEvents decoded;
  private final RunnerConfig config;
  private final Map<String, ProjectionWorker> workers = new LinkedHashMap<>(); // under this
  private @Nullable ScheduledExecutorService ticker; // under this
  private boolean started; // under this
  private boolean closed; // under this

  /**
   * A runner reading {@code log} (for catch-up checks, status and lag) and following {@code tail} —
   * normally both the server's one {@link dev.scribe.eventlog.EventLog}.
   */
  public ProjectionRunner(ReadAll log, TailEvents tail, EventCodec codec, RunnerConfig config) {
    this(log, tail, null, codec, config);
  }

  private ProjectionRunner(
      ReadAll log,
      TailEvents tail,
      @Nullable SharedTail ownTail,
      EventCodec codec,
      RunnerConfig config) {
    this.log = requireNonNull(log, "log");
    this.tail = requireNonNull(tail, "tail");
    this.ownTail = ownTail;
    this.codec = requireNonNull(codec, "codec");
    this.decoded = new DecodedEvents(codec, DECODE_RING);
    this.config = requireNonNull(config, "config");
  }

  /**
   * A runner over one log. Its projections follow the log through one {@link SharedTail}, so each
   * event is read from the log once for all of them (and for other followers given {@link
   * #tail()}).
   */
  public static ProjectionRunner over(ReadAll log, EventCodec codec, RunnerConfig config) {
    SharedTail tail = new SharedTail(log, SHARED_RING);
    return new ProjectionRunner(log, tail, tail, codec, config);
  }

  /** Events kept for projections a little behind the fastest one. */
  private static final int SHARED_RING = 2048;

  /**
   * The tail the projections follow: other followers of the log (the event-bus publisher) share
   * its reads by subscribing here.
   */
  public TailEvents tail() {
    return tail;
  }

  /**
   * {@code stored} decoded, shared with the projections: an event one of them (or another caller)
   * decoded recently is not decoded again.
   */
  public dev.scribe.domain.RecordedEvent decode(dev.scribe.eventlog.StoredEvent stored) {
    return decoded.decode(stored);
  }

  /**
   * Adds a projection. Before {@link #start} it starts with the others; afterwards it starts at
   * once.
   *
   * @throws IllegalArgumentException for an invalid or duplicate name
   */
  public synchronized <P extends Projection> P register(P projection) {
    requireNonNull(projection, "projection");
    if (closed) throw new IllegalStateException("the runner is closed");
    String name = projection.name();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Projection name '" + name + "' must match " + NAME.pattern());
    }
    if (workers.containsKey(name)) {
      throw new IllegalArgumentException("A projection named '" + name + "' is registered");
    }
    ProjectionWorker w =
        new ProjectionWorker(
            projection, directoryOf(name), log, tail, decoded, config.checkpointEvery());
    workers.put(name, w);
    if (started) w.start();
    return projection;
  }

  /** Starts every registered projection, each catching up from its checkpoint. Idempotent. */
  public synchronized void start() {
    if (closed) throw new IllegalStateException("the runner is closed");
    if (started) return;
    started = true;
    for (ProjectionWorker w : workers.values()) w.start();
    long every = config.idleCheckpointInterval().toNanos();
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "scribe-projections-checkpoint");
              th.setDaemon(true);
              return th;
            });
    t.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.NANOSECONDS);
    ticker = t;
  }

  private Path directoryOf(String name) {
    return config.baseDirectory().resolve(name);
  }

  private void tick() {
    for (ProjectionWorker w : snapshot()) {
      try {
        w.tick();
      } catch (RuntimeException e) {
        LOG.error("Checkpoint tick for projection '{}' failed", w.name(), e);
      }
    }
  }

  /** Every projection's status, in registration order. */
  public List<ProjectionStatus> status() {
    List<ProjectionStatus> out = new ArrayList<>();
    for (ProjectionWorker w : snapshot()) out.add(w.status());
    return out;
  }

  /** One projection's status. */
  public ProjectionStatus status(String name) {
    return worker(name).status();
  }

  /**
   * Waits until projection {@code name} has applied {@code position} — normally the {@link
   * dev.scribe.eventlog.AppendResult#lastPosition()} of the caller's own append.
   *
   * @return true once applied, false if the timeout passed first
   * @throws ProjectionFailedException if the projection is failed or stopped (it would never get
   *     there; the exception carries its status)
   */
  public boolean awaitApplied(String name, long position, Duration timeout)
      throws InterruptedException {
    return worker(name).awaitApplied(position, timeout);
  }

  /** {@link #awaitApplied} for every projection, within one overall timeout. */
  public boolean awaitAllApplied(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProjectionWorker w : snapshot()) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!w.awaitApplied(position, Duration.ofNanos(left))) return false;
    }
    return true;
  }

  /**
   * Drops projection {@code name}'s state (its {@link Projection#reset}) and replays the log from
   * position 0. Returns once the replay has started; {@link #awaitApplied} waits for its end.
   */
  public void rebuild(String name) {
    ProjectionWorker w = worker(name);
    requireRunning();
    w.rebuild();
  }

  /** {@link #rebuild} for every projection. */
  public void rebuildAll() {
    requireRunning();
    for (ProjectionWorker w : snapshot()) w.rebuild();
  }

  /**
   * Closes and reopens projection {@code name}, which resumes from its last durable checkpoint —
   * the way back from a failure whose cause (a full disk, a bug fixed by a redeploy) is gone.
   */
  public void restart(String name) {
    ProjectionWorker w = worker(name);
    requireRunning();
    w.restart();
  }

  /**
   * Checkpoints projection {@code name} now if it applied events since its last checkpoint.
   *
   * @return false if it is not running or the checkpoint failed (see its status)
   */
  public boolean checkpointNow(String name) {
    return worker(name).checkpointNow();
  }

  /**
   * Stops every projection, checkpoints what each has applied (failed ones excepted) and closes
   * them. Close the runner before the log. Idempotent.
   */
  @Override
  public void close() {
    ScheduledExecutorService t;
    List<ProjectionWorker> all;
    synchronized (this) {
      if (closed) return;
      closed = true;
      t = ticker;
      ticker = null;
      all = new ArrayList<>(workers.values());
    }
    if (t != null) {
      // shutdown, not shutdownNow: an interrupt during a checkpoint's I/O would break it.
      t.shutdown();
      try {
        t.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ProjectionWorker w : all) w.close();
    if (ownTail != null) ownTail.close();
  }

  private synchronized void requireRunning() {
    if (closed) throw new IllegalStateException("the runner is closed");
    if (!started) throw new IllegalStateException("the runner is not started");
  }

  private synchronized ProjectionWorker worker(String name) {
    ProjectionWorker w = workers.get(name);
    if (w == null) throw new IllegalArgumentException("No projection named '" + name + "'");
    return w;
  }

  private synchronized List<ProjectionWorker> snapshot() {
    return new ArrayList<>(workers.values());
  }
}
