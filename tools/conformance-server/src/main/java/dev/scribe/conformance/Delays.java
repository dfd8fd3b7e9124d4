package dev.scribe.conformance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The pauses some scenarios ask for between notifications ("~50 ms", so that a client sees them
 * arrive one by one). They are behaviour of the fixture, not synchronisation: no thread sleeps,
 * the next step is scheduled on the JDK's delay timer and runs on the executor.
 */
final class Delays {
  static final long STEP_MILLIS = 50;

  private Delays() {}

  static CompletionStage<Void> step(Executor executor) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(STEP_MILLIS, TimeUnit.MILLISECONDS, executor));
  }
}
