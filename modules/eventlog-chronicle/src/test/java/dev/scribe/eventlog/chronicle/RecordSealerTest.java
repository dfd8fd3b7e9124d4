package dev.scribe.eventlog.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The writer's one-pass sealer must produce, byte for byte, what {@link RecordFormat} defines: the
 * hash chain has to mean the same for every implementation and for the verifier.
 */
class RecordSealerTest {
  private static final String[] WORDS = {
    "", "a", "EntryAppended", "project-alpha", "séance", "日本語のログ", "emoji 🐛 bug", "x".repeat(300)
  };

  @Test
  void a_sealed_batch_is_the_length_prefixed_record_format_bytes_chained_by_hash() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    RecordSealer sealer = new RecordSealer();
    MessageDigest digest = RecordFormat.sha256();
    byte[] previous = RecordFormat.GENESIS_HASH;
    long position = 0;
    for (int batch = 0; batch < 200; batch++) {
      sealer.reset();
      int events = 1 + random.nextInt(5);
      StoredEvent[] expected = new StoredEvent[events];
      for (int i = 0; i < events; i++) {
        NewEvent e =
            new NewEvent(
                "T" + word(random),
                1 + random.nextInt(3),
                "s" + word(random),
                word(random),
                word(random),
                payload(random));
        Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000), random.nextInt(1_000_000_000));
        String id = word(random) + batch + "-" + i;
        String key = random.nextBoolean() ? "" : word(random);
        position++;
        Placement placement = new Placement(position, batch + 1, id, at, key, previous);
        StoredEvent sealed = sealer.seal(e, placement);
        expected[i] = RecordFormat.seal(e, placement, digest);
        assertThat(sealed.hash()).as("hash of position %d (seed %d)", position, seed).isEqualTo(expected[i].hash());
        assertThat(sealed).as("seed %d", seed).isEqualTo(expected[i]);
        previous = sealed.hash();
      }
      ByteBuffer stored =
          ByteBuffer.wrap(sealer.buffer(), 0, sealer.size()).order(ByteOrder.nativeOrder());
      for (StoredEvent e : expected) {
        byte[] record = RecordFormat.encode(e);
        assertThat(stored.getInt()).as("length prefix (seed %d)", seed).isEqualTo(record.length);
        byte[] actual = new byte[record.length];
        stored.get(actual);
        assertThat(actual).as("record bytes at %d (seed %d)", e.position(), seed).isEqualTo(record);
      }
      assertThat(stored.remaining()).as("bytes after the batch (seed %d)", seed).isZero();
    }
  }

  @Test
  void a_payload_larger_than_the_initial_buffer_grows_it() {
    RecordSealer sealer = new RecordSealer();
    byte[] big = new byte[300_000];
    Arrays.fill(big, (byte) 7);
    NewEvent e = new NewEvent("Big", 1, "stream", "session", "exec", big);
    Instant at = Instant.ofEpochSecond(1_800_000_000L);
    sealer.reset();
    Placement first = new Placement(1, 1, "id", at, "", RecordFormat.GENESIS_HASH);
    StoredEvent sealed = sealer.seal(e, first);
    StoredEvent expected = RecordFormat.seal(e, first, RecordFormat.sha256());
    assertThat(sealed).isEqualTo(expected);
    assertThat(sealer.size()).isEqualTo(4 + RecordFormat.encode(expected).length);
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static byte[] payload(Random random) {
    byte[] p = new byte[random.nextInt(2000)];
    random.nextBytes(p);
    return p;
  }
}
