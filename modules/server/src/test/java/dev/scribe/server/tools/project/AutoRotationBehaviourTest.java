package dev.scribe.server.tools.project;

import static dev.scribe.server.tools.project.ProjectModeFixture.awaitView;
import static dev.scribe.server.tools.project.ProjectModeFixture.bind;
import static dev.scribe.server.tools.project.ProjectModeFixture.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** B46 through the MCP layer: a log at the size limit is archived before the next append. */
@Timeout(120)
class AutoRotationBehaviourTest {

  @Test
  void b46_an_append_to_a_full_log_archives_it_first_and_lands_in_the_fresh_file(@TempDir Path dir)
      throws IOException {
    try (ScribeTestServer server =
        ScribeTestServer.inMemory(dir.resolve("data"), c -> c.withLogMaxBytes(3_000))) {
      McpTestClient c = server.client();
      ToolReply bound = bind(c, "rotating", dir.resolve("repo"));
      Path progress = Path.of(bound.at("/project/progress_log").asText());

      String filler = "x".repeat(200);
      int appended = 0;
      while (server.events(LogRotated.class).isEmpty()) {
        log(c, "entry " + (++appended) + " " + filler);
        assertThat(appended).as("a rotation within 30 appends").isLessThan(30);
      }
      awaitView(server, "markdown");

      LogRotated rotation = server.events(LogRotated.class).get(0);
      assertThat(rotation.logType()).isEqualTo("progress");
      assertThat(Path.of(rotation.archivePath()).getFileName().toString())
          .matches("PROGRESS_LOG\\.md\\.\\d{14}\\.md");
      assertThat(Path.of(rotation.archivePath())).exists();
      // The rotation came first in the batch, so the triggering entry is the fresh file's only line.
      List<EntryAppended> entries = server.events(EntryAppended.class);
      String last = entries.get(entries.size() - 1).message();
      assertThat(Files.readString(progress)).contains(last);
      assertThat(Files.readString(Path.of(rotation.archivePath()))).doesNotContain(last);
      assertThat(rotation.entryCount()).isEqualTo(appended - 1);
      try (Stream<Path> files = Files.list(progress.getParent())) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("PROGRESS_LOG.md.")))
            .hasSize(1);
      }
    }
  }
}
