package dev.scribe.eventlog.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackgroundSyncTest {
  @TempDir Path temp;

  /** Requests one sync and waits, as the writer does, until the sync thread wakes this thread. */
  private static BackgroundSync.Outcome syncOnce(StorageFaults faults, Set<File> files) {
    BackgroundSync sync = new BackgroundSync(faults, Thread.currentThread());
    sync.start();
    try {
      sync.request(files);
      while (!sync.hasOutcome()) LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      return sync.takeOutcome();
    } finally {
      sync.close();
    }
  }

  @Test
  void a_sync_of_existing_files_succeeds() throws IOException {
    File a = Files.writeString(temp.resolve("a.cq4"), "a").toFile();
    File b = Files.writeString(temp.resolve("b.cq4"), "b").toFile();
    assertThat(syncOnce(StorageFaults.NONE, Set.of(a, b)))
        .isEqualTo(new BackgroundSync.Outcome.Synced());
  }

  @Test
  void a_sync_that_cannot_reach_its_file_fails_with_the_cause() {
    File missing = temp.resolve("gone.cq4").toFile();
    assertThat(syncOnce(StorageFaults.NONE, Set.of(missing)))
        .isInstanceOfSatisfying(
            BackgroundSync.Outcome.Failed.class,
            f -> assertThat(f.cause()).isInstanceOf(NoSuchFileException.class));
  }

  @Test
  void an_injected_sync_fault_fails_the_sync() {
    RecordingFaults faults = new RecordingFaults();
    faults.failNextSync.set(true);
    assertThat(syncOnce(faults, Set.of()))
        .isInstanceOfSatisfying(
            BackgroundSync.Outcome.Failed.class,
            f -> assertThat(f.cause()).hasMessageContaining("injected sync failure"));
    assertThat(faults.syncs.get()).isEqualTo(1);
  }
}
