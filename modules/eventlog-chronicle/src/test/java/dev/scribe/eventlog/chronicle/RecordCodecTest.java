package dev.scribe.eventlog.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  @Test
  void writes_exactly_the_record_format_bytes_and_reads_them_back() {
    long seed = 42;
    Random random = new Random(seed);
    byte[] previous = RecordFormat.GENESIS_HASH;
    for (int i = 1; i <= 200; i++) {
      byte[] payload = new byte[random.nextInt(2000)];
      random.nextBytes(payload);
      NewEvent n = new NewEvent("Type-ü-" + i, 1 + i % 3, "strøm-🚀-" + i % 5, "s" + i, i % 2 == 0 ? "" : "x", payload);
      StoredEvent e = RecordFormat.seal(n, new Placement(i, i, "id-" + i, Instant.ofEpochSecond(1_700_000_000L + i, i * 7),
          i % 4 == 0 ? "key-" + i : "", previous), RecordFormat.sha256());
      previous = e.hash();

      Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
      try {
        RecordCodec.write(bytes, e);
        byte[] expected = RecordFormat.encode(e);
        assertThat(bytes.readRemaining()).as("seed %d event %d", seed, i).isEqualTo(4L + expected.length);
        assertThat(RecordCodec.maxSize(e)).isGreaterThanOrEqualTo(4L + expected.length);
        long start = bytes.readPosition();
        bytes.readSkip(4);
        byte[] written = new byte[expected.length];
        bytes.read(written);
        bytes.readPosition(start);
        assertThat(written).as("seed %d event %d", seed, i).isEqualTo(expected);
        assertThat(RecordCodec.read(bytes, i)).isEqualTo(e);
      } finally {
        bytes.releaseLast();
      }
    }
  }

  @Test
  void a_record_with_a_length_beyond_its_document_is_reported_at_its_position() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
    try {
      bytes.writeInt(500);
      bytes.write("short".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> RecordCodec.read(bytes, 9))
          .isInstanceOfSatisfying(CorruptLogException.class, ex -> assertThat(ex.position()).isEqualTo(9));
    } finally {
      bytes.releaseLast();
    }
  }
}
