package dev.scribe.tools.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ScribeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** B46: append_entry rotates a log whose segment reached SCRIBE_LOG_MAX_BYTES, before the entry. */
@Timeout(120)
class AutoRotationTest {
  @TempDir Path dir;

  private List<ScribeEvent> events(ToolHarness h) {
    EventCodec codec = new EventCodec();
    List<ScribeEvent> out = new ArrayList<>();
    h.log.forEach(1, e -> out.add(codec.decode(e)));
    return out;
  }

  @Test
  void b46_a_full_log_is_archived_before_the_append_and_the_entry_lands_in_the_fresh_file()
      throws Exception {
    try (ToolHarness h = new ToolHarness(dir, 2_000)) {
      Path root = dir.resolve("repo");
      h.ok("s1", "set_project", "{\"name\":\"p\",\"root\":\"" + root + "\"}");
      int n = 0;
      JsonNode last = null;
      while (events(h).stream().noneMatch(e -> e instanceof LogRotated) && n < 200) {
        h.awaitViews(); // so each append sees the segment as rendered
        last = h.ok("s1", "append_entry", "{\"message\":\"entry " + (n++) + " with some padding text\"}");
      }
      List<ScribeEvent> all = events(h);
      int rotatedAt = -1;
      for (int i = 0; i < all.size(); i++) if (all.get(i) instanceof LogRotated) rotatedAt = i;
      assertThat(rotatedAt).as("a rotation happened").isPositive();
      LogRotated r = (LogRotated) all.get(rotatedAt);
      assertThat(all.get(rotatedAt + 1)).as("the entry follows its rotation in one batch")
          .isInstanceOf(EntryAppended.class);
      assertThat(r.byteSize()).isGreaterThanOrEqualTo(2_000);
      assertThat(r.logType()).isEqualTo("progress");
      assertThat(r.archivePath()).matches(".*PROGRESS_LOG\\.md\\.\\d{14}\\.md");
      assertThat(last.at("/rotations/0/archive_path").asText()).isEqualTo(r.archivePath());

      h.awaitViews();
      Path progress = Path.of(r.logPath());
      String fresh = Files.readString(progress);
      assertThat(fresh).contains("] entry " + (n - 1) + " with some padding text |");
      assertThat(fresh).doesNotContain("] entry 0 with");
      assertThat(Files.readString(Path.of(r.archivePath()))).contains("] entry 0 with");

      // The next appends do not rotate again until the fresh segment is full.
      h.ok("s1", "append_entry", "{\"message\":\"after\"}");
      assertThat(events(h).stream().filter(e -> e instanceof LogRotated)).hasSize(1);
    }
  }

  @Test
  void a_zero_threshold_never_rotates() throws Exception {
    try (ToolHarness h = new ToolHarness(dir, 0)) {
      h.ok("s1", "set_project", "{\"name\":\"p\",\"root\":\"" + dir.resolve("repo") + "\"}");
      for (int i = 0; i < 40; i++) {
        h.awaitViews();
        h.ok("s1", "append_entry", "{\"message\":\"entry " + i + " with a long enough text to fill\"}");
      }
      assertThat(events(h).stream().filter(e -> e instanceof LogRotated)).isEmpty();
    }
  }
}
