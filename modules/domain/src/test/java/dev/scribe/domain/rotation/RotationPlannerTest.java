package dev.scribe.domain.rotation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.events.LogRotated;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationPlannerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T09:08:07.654Z");
  private static final String LOG = "/r/.scribe/docs/dev_plans/p/PROGRESS_LOG.md";

  @Test
  void suffixes_are_sanitised_and_default_to_archive() {
    assertThat(RotationPlanner.sanitizeSuffix("my suffix!")).isEqualTo("my_suffix_");
    assertThat(RotationPlanner.sanitizeSuffix("../x")).isEqualTo(".._x");
    assertThat(RotationPlanner.sanitizeSuffix("v1.2-rc_3")).isEqualTo("v1.2-rc_3");
    assertThat(RotationPlanner.sanitizeSuffix("  ")).isEqualTo("archive");
    assertThat(RotationPlanner.sanitizeSuffix("..")).isEqualTo("archive");
    assertThat(RotationPlanner.sanitizeSuffix(null)).isEqualTo("archive");
  }

  @Test
  void archive_names_follow_the_reference_and_avoid_clashes() {
    assertThat(RotationPlanner.manualArchivePath(LOG, "test", NOW, p -> false))
        .isEqualTo(LOG + ".test.md");
    assertThat(RotationPlanner.manualArchivePath(LOG, "test", NOW, Set.of(LOG + ".test.md")::contains))
        .isEqualTo(LOG + ".test_20260301_090807_654.md");
    assertThat(RotationPlanner.manualArchivePath(LOG, "test", NOW,
            Set.of(LOG + ".test.md", LOG + ".test_20260301_090807_654.md")::contains))
        .isEqualTo(LOG + ".test_20260301_090807_654_2.md");
    assertThat(RotationPlanner.autoArchivePath(LOG, NOW, p -> false))
        .isEqualTo(LOG + ".20260301090807.md");
  }

  @Test
  void the_chain_links_each_rotation_to_the_previous_one() {
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    assertThat(RotationPlanner.chainSha256(null, a)).isEqualTo(RotationPlanner.sha256Hex(a.getBytes(UTF_8)));
    String first = RotationPlanner.chainSha256(null, a);
    assertThat(RotationPlanner.chainSha256(first, b))
        .isEqualTo(RotationPlanner.sha256Hex((first + b).getBytes(UTF_8)));
    Segment s = new Segment("p", "progress", LOG, 10, b, 3, 2, first, Map.of("project-p", 7L), 9);
    LogRotated r = RotationPlanner.rotation(s, "rot", LOG + ".archive.md");
    assertThat(r.sequenceNumber()).isEqualTo(2);
    assertThat(r.previousArchiveSha256()).isEqualTo(first);
    assertThat(r.chainSha256()).isEqualTo(RotationPlanner.chainSha256(first, b));
    assertThat(r.entryCount()).isEqualTo(3);
    assertThat(r.byteSize()).isEqualTo(10);
  }

  @Test
  void auto_rotation_is_due_at_the_threshold_and_never_when_disabled_or_empty() {
    Segment s = new Segment("p", "progress", LOG, 524_288, "c".repeat(64), 1, 1, null, Map.of(), 1);
    assertThat(RotationPlanner.dueForAutoRotation(s, RotationPlanner.DEFAULT_MAX_BYTES)).isTrue();
    assertThat(RotationPlanner.dueForAutoRotation(s, 524_289)).isFalse();
    assertThat(RotationPlanner.dueForAutoRotation(s, 0)).isFalse();
    assertThat(RotationPlanner.autoRotation(s, RotationPlanner.DEFAULT_MAX_BYTES, NOW, "r", p -> false))
        .hasValueSatisfying(r -> {
          assertThat(r.archivePath()).isEqualTo(LOG + ".20260301090807.md");
          assertThat(r.sequenceNumber()).isEqualTo(1);
        });
    assertThat(RotationPlanner.autoRotation(s, 0, NOW, "r", p -> false)).isEmpty();
    Segment empty = new Segment("p", "progress", LOG, 900_000, "c".repeat(64), 0, 1, null, Map.of(), 1);
    assertThat(RotationPlanner.dueForAutoRotation(empty, 1)).isFalse();
  }
}
