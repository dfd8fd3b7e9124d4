package dev.scribe.eventlog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
  private final MessageDigest digest = RecordFormat.sha256();

  private StoredEvent sample() {
    return RecordFormat.seal(
        new NewEvent("EntryAppended", 1, "project-p", "s", "x", "{\"a\":1}".getBytes(UTF_8)),
        new Placement(
            7,
            3,
            "id-7",
            Instant.parse("2026-01-02T03:04:05.000000006Z"),
            "key",
            RecordFormat.GENESIS_HASH),
        digest);
  }

  @Test
  void a_sealed_event_round_trips_through_its_stored_bytes() {
    StoredEvent e = sample();
    assertThat(RecordFormat.decode(RecordFormat.encode(e))).isEqualTo(e);
    assertThat(RecordFormat.hashMatches(e, digest)).isTrue();
  }

  @Test
  void changing_any_stored_byte_breaks_the_hash() {
    byte[] bytes = RecordFormat.encode(sample());
    for (int i = 0; i < bytes.length - RecordFormat.HASH_LENGTH; i++) {
      byte[] tampered = Arrays.copyOf(bytes, bytes.length);
      tampered[i] ^= 0x01;
      boolean detected;
      try {
        detected = !RecordFormat.hashMatches(RecordFormat.decode(tampered), digest);
      } catch (CorruptLogException e) {
        detected = true;
      }
      assertThat(detected).as("flip at byte %d detected", i).isTrue();
    }
  }

  @Test
  void truncated_bytes_are_reported_as_corruption() {
    byte[] bytes = RecordFormat.encode(sample());
    assertThatThrownBy(() -> RecordFormat.decode(Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(CorruptLogException.class);
  }

  @Test
  void a_link_to_the_wrong_predecessor_is_named_by_position() {
    StoredEvent e = sample();
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> RecordFormat.verifyLink(e, 7, other, digest))
        .isInstanceOfSatisfying(
            CorruptLogException.class, ex -> assertThat(ex.position()).isEqualTo(7));
    assertThatThrownBy(() -> RecordFormat.verifyLink(e, 8, RecordFormat.GENESIS_HASH, digest))
        .isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("found position 7");
  }
}
