package dev.scribe.projections;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
  private static final String HASH = "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void a_checkpoint_and_its_state_round_trip_through_one_file() throws Exception {
    Path f = dir.resolve("checkpoint");
    byte[] state = "e\talpha\t3\n".getBytes(UTF_8);
    CheckpointFile.write(f, new Checkpoint(42, HASH), state);

    assertThat(CheckpointFile.read(f))
        .contains(new CheckpointFile.Contents(new Checkpoint(42, HASH), state));
    assertThat(Files.readString(f, US_ASCII))
        .startsWith("scribe-checkpoint 1\nposition=42\nevent-hash=" + HASH + "\nstate-length=10\n");
    assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();

    CheckpointFile.write(f, Checkpoint.NONE);
    assertThat(CheckpointFile.read(f))
        .contains(new CheckpointFile.Contents(Checkpoint.NONE, new byte[0]));
  }

  @Test
  void a_missing_file_is_no_checkpoint_and_delete_is_idempotent() throws Exception {
    Path f = dir.resolve("checkpoint");
    assertThat(CheckpointFile.read(f)).isEmpty();
    CheckpointFile.write(f, Checkpoint.at(3));
    CheckpointFile.delete(f);
    CheckpointFile.delete(f);
    assertThat(CheckpointFile.read(f)).isEmpty();
  }

  @Test
  void damage_is_detected_not_served() throws Exception {
    Path f = dir.resolve("checkpoint");
    CheckpointFile.write(f, new Checkpoint(7, HASH), "some state".getBytes(UTF_8));
    byte[] good = Files.readAllBytes(f);

    byte[] flipped = good.clone();
    flipped[flipped.length - 1] ^= 1;
    Files.write(f, flipped);
    assertThatThrownBy(() -> CheckpointFile.read(f))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("checksum");

    Files.write(f, Arrays.copyOf(good, good.length - 3));
    assertThatThrownBy(() -> CheckpointFile.read(f))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("state is 7 bytes");

    Files.write(f, "hello\n\n".getBytes(US_ASCII));
    assertThatThrownBy(() -> CheckpointFile.read(f)).isInstanceOf(CorruptCheckpointException.class);

    Files.write(
        f, new String(good, US_ASCII).replace("position=7", "position=x").getBytes(US_ASCII));
    assertThatThrownBy(() -> CheckpointFile.read(f)).isInstanceOf(CorruptCheckpointException.class);

    Files.write(f, new byte[0]);
    assertThatThrownBy(() -> CheckpointFile.read(f)).isInstanceOf(CorruptCheckpointException.class);
  }

  @Test
  void checkpoints_reject_impossible_values() {
    assertThatThrownBy(() -> new Checkpoint(-1, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(0, HASH)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_checkpoint_is_checked_against_the_log_by_position_and_hash() {
    try (var log = TestLog.create("chk")) {
      for (int i = 0; i < 3; i++) TestLog.append(log, TestLog.entry("s1", "alpha", "e" + i, "m"));
      String hash2 = log.readForward(2, 1).get(0).hashHex();
      assertThat(new Checkpoint(2, hash2).mismatchWith(log)).isEmpty();
      assertThat(Checkpoint.at(3).mismatchWith(log)).isEmpty();
      assertThat(Checkpoint.NONE.mismatchWith(log)).isEmpty();
      assertThat(new Checkpoint(3, hash2).mismatchWith(log)).get().asString().contains("hash");
      assertThat(Checkpoint.at(4).mismatchWith(log)).get().asString().contains("the log ends at 3");
    }
  }
}
