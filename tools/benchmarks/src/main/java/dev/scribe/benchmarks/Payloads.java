package dev.scribe.benchmarks;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.NewEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Realistic append_entry events (≈0.5 KiB of EntryAppended JSON) and benchmark helpers. */
final class Payloads {
  private static final EventCodec CODEC = new EventCodec();

  private Payloads() {}

  /** An EntryAppended as append_entry writes it, JSON-encoded by the real codec. */
  static NewEvent entry(int i) {
    EntryAppended e =
        new EntryAppended(
            "entry-" + String.format("%012d", i),
            "scribe-benchmarks",
            "progress",
            List.of(),
            "2026-11-24 18:00:00 UTC",
            1_795_370_400_000L + i,
            "🧪",
            "info",
            "claude-code/subagent-" + (i % 4),
            "Ran the event-log tests: all green; next: profile replay",
            List.of(
                new MetaPair("ticket", "SCRIBE-" + (1000 + i % 50)),
                new MetaPair("priority", "medium")),
            "medium",
            "testing",
            List.of("perf", "eventlog"),
            0.9,
            "3f6c0a8e2b9d4f71a5c3e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0");
    return CODEC.toNew(e, "project-scribe-benchmarks", "session-" + (i % 16), "exec-" + i);
  }

  /** Pre-built requests to cycle through, so the benchmark measures the log, not Jackson. */
  static AppendRequest[] requests(int count) {
    AppendRequest[] r = new AppendRequest[count];
    for (int i = 0; i < count; i++) r[i] = AppendRequest.of(entry(i));
    return r;
  }

  /** Cheap unique ids (the server uses random ids; their cost is not the log's). */
  static Supplier<String> ids() {
    AtomicLong n = new AtomicLong();
    return () -> "evt-" + n.incrementAndGet();
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
