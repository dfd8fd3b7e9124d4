package dev.scribe.mcp.testing;

import dev.scribe.mcp.ClientInfo;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.SessionObserver;
import dev.scribe.mcp.ToolInvocation;
import dev.scribe.mcp.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Keeps every callback, in order, and lets a test wait for the next one. */
public final class RecordingObserver implements SessionObserver {
  /** A callback, flattened. */
  public record Opened(String sessionId, TransportKind transport, ClientInfo client, String version) {}

  public record Closed(String sessionId, CloseReason reason) {}

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final List<Object> all = new ArrayList<>();
  private final Supplier<CompletionStage<Void>> toolInvokedResult;

  /** Every recording completes at once. */
  public RecordingObserver() {
    this(() -> CompletableFuture.completedFuture(null));
  }

  /** A tool call's recording completes when the stage {@code toolInvokedResult} gives does. */
  public RecordingObserver(Supplier<CompletionStage<Void>> toolInvokedResult) {
    this.toolInvokedResult = toolInvokedResult;
  }

  @Override
  public CompletionStage<Void> sessionOpened(
      String sessionId, TransportKind transport, ClientInfo client, String protocolVersion) {
    add(new Opened(sessionId, transport, client, protocolVersion));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> sessionClosed(String sessionId, CloseReason reason) {
    add(new Closed(sessionId, reason));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> toolInvoked(ToolInvocation invocation) {
    add(invocation);
    return toolInvokedResult.get();
  }

  private synchronized void add(Object e) {
    all.add(e);
    events.add(e);
  }

  /** Every callback so far. */
  public synchronized List<Object> all() {
    return List.copyOf(all);
  }

  /** The next callback of {@code type}, skipping others; fails after 30 s. */
  public <T> T next(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Object e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no " + type.getSimpleName() + " callback; saw " + all());
      }
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
  }
}
