package dev.scribe.server.tools.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.schema.SchemaValidatingEventLog;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.InMemoryEventLog;
import dev.scribe.projections.markdown.LogTemplates;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import dev.scribe.projections.markdown.MemoryLogFiles;
import dev.scribe.server.importer.LogImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code scribe import} on every Markdown log the Python server wrote in {@code
 * ../shared/fixtures/scribe-logs}: every entry line is imported (schema-checked events), the
 * Markdown view renders each one back unchanged and in order, every other line is counted in a
 * category, and a second import writes nothing.
 */
class ImportFixturesTest {
  private static final EventCodec CODEC = new EventCodec();

  @TempDir Path tmp;

  static Optional<Path> fixtures() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("shared/fixtures/scribe-logs");
      if (Files.isDirectory(f)) return Optional.of(f);
    }
    return Optional.empty();
  }

  static Stream<Path> markdownFixtures() throws IOException {
    Optional<Path> dir = fixtures();
    if (dir.isEmpty()) return Stream.of(Path.of("../shared/fixtures/scribe-logs/(absent)"));
    try (Stream<Path> s = Files.list(dir.get())) {
      return s.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream();
    }
  }

  private static EventLog newLog() {
    AtomicLong ids = new AtomicLong();
    return SchemaValidatingEventLog.wrap(
        InMemoryEventLog.create(
            Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC),
            () -> String.format("%032x", ids.incrementAndGet())));
  }

  /** The fixture's entry lines as an independent reading of the grammar finds them. */
  private static List<MarkdownLine> entryLines(List<String> lines) {
    List<MarkdownLine> out = new ArrayList<>();
    boolean fence = false;
    for (String l : lines) {
      if (l.stripLeading().startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (fence) continue;
      MarkdownLine.parse(l)
          .filter(m -> Timestamps.parseLineTimestamp(m.timestamp()).isPresent())
          .ifPresent(out::add);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("markdownFixtures")
  void every_entry_line_is_imported_and_renders_back_unchanged(Path fixture) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(fixture), "import fixtures: ../shared/fixtures not present");
    List<String> lines = Files.readAllLines(fixture, UTF_8);
    List<MarkdownLine> expected = entryLines(lines);
    String project =
        expected.stream()
            .collect(Collectors.groupingBy(MarkdownLine::project, Collectors.counting()))
            .entrySet().stream().max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey).orElse("fixture_import");
    boolean sentinel = fixture.getFileName().toString().startsWith("SENTINEL_LOG");
    Optional<String> type = sentinel ? Optional.of("progress") : Optional.empty();
    Path root = Files.createDirectories(tmp.resolve("repo"));

    try (EventLog log = newLog()) {
      LogImporter.Report r =
          LogImporter.run(log, CODEC, new LogImporter.Options(project, root, fixture, type),
              new MarkdownDocs(), "", "import-1");
      System.out.println(String.join("\n", r.summary()));

      assertThat(r.lines()).isEqualTo(lines.size());
      assertThat(r.entries() + r.blank() + r.header() + r.fenced() + r.unparsable().size())
          .as("every line is in exactly one category").isEqualTo(lines.size());
      assertThat(r.entries()).isEqualTo(expected.size());
      assertThat(r.imported()).isEqualTo(expected.size());
      assertThat(r.projectRegistered()).isTrue();
      if (sentinel) {
        assertThat(r.unparsable()).hasSize(lines.size())
            .allSatisfy(p -> assertThat(p.reason()).contains("sentinel log line"));
      } else {
        assertThat(r.unparsable()).as("real logs have no stray lines").isEmpty();
      }

      List<RecordedEvent> events = new ArrayList<>();
      log.forEach(1, e -> events.add(CODEC.toRecorded(e)));
      assertThat(events.stream().filter(e -> e.event() instanceof ProjectRegistered)).hasSize(1);
      List<EntryAppended> entries =
          events.stream().map(RecordedEvent::event).filter(EntryAppended.class::isInstance)
              .map(EntryAppended.class::cast).toList();
      assertThat(entries).hasSize(expected.size());
      for (int i = 0; i < entries.size(); i++) {
        EntryAppended e = entries.get(i);
        MarkdownLine m = expected.get(i);
        assertThat(e.project()).isEqualTo(project);
        assertThat(e.timestamp()).isEqualTo(m.timestamp());
        assertThat(e.timestampMillis())
            .isEqualTo(Timestamps.parseLineTimestamp(m.timestamp()).orElseThrow().toEpochMilli());
        assertThat(e.agent()).isEqualTo(m.agent());
        assertThat(e.emoji()).isEqualTo(m.emoji());
        assertThat(e.meta()).isEqualTo(m.meta());
      }

      // The Markdown view renders the imported lines back, in order, unchanged.
      MemoryLogFiles files = new MemoryLogFiles();
      MarkdownView view = new MarkdownView(files);
      for (RecordedEvent e : events) view.apply(e);
      String rendered = new String(
          files.read(view.current(project, r.logType()).orElseThrow().logPath()).orElseThrow(), UTF_8);
      String body = rendered.substring(rendered.indexOf(LogTemplates.ENTRIES_BELOW) + LogTemplates.ENTRIES_BELOW.length() + 2);
      List<String> renderedLines = body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1)).subList(0, body.split("\n", -1).length - 1);
      Function<MarkdownLine, String> asRendered =
          m -> m.project().equals(project)
              ? m.render()
              : new MarkdownLine(m.emoji(), m.timestamp(), m.agent(), project, m.entryId(), m.message(), m.meta()).render();
      assertThat(renderedLines).containsExactlyElementsOf(expected.stream().map(asRendered).toList());
      long unchanged = expected.stream().filter(m -> m.project().equals(project)).count();
      assertThat(r.otherProjects().values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(expected.size() - unchanged);
      for (String line : lines) {
        Optional<MarkdownLine> m = MarkdownLine.parse(line);
        if (m.isPresent() && expected.contains(m.get()) && m.get().project().equals(project)) {
          assertThat(rendered).contains(line + "\n");
        }
      }

      // Importing the same file again writes nothing.
      long before = log.lastPosition();
      LogImporter.Report again =
          LogImporter.run(log, CODEC, new LogImporter.Options(project, root, fixture, type),
              new MarkdownDocs(), "", "import-2");
      assertThat(again.imported()).isZero();
      assertThat(again.alreadyImported()).isEqualTo(expected.size());
      assertThat(again.projectRegistered()).isFalse();
      assertThat(log.lastPosition()).isEqualTo(before);
    }
  }

  @Test
  void lines_that_are_not_entries_are_reported_with_their_numbers(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("PROGRESS_LOG.md");
    Files.writeString(f, String.join("\n",
        "# Progress Log",
        "```",
        "[ℹ️] [YYYY-MM-DD HH:MM:SS UTC] [Agent: <name>] [Project: p] Message text | key=value",
        "```",
        "",
        "[ℹ️] [2026-01-01 10:00:00 UTC] [Agent: A] [Project: p] real \\n text | k=v",
        "stray text",
        "[ℹ️] [not a time] [Agent: A] [Project: p] bad time",
        "[✅] [2026-01-01T10:00:01.5+00:00] [Agent: A] [Project: p] [ID: 0123456789abcdef0123456789abcdef] iso time",
        ""), UTF_8);
    try (EventLog log = newLog()) {
      LogImporter.Report r =
          LogImporter.run(log, CODEC, new LogImporter.Options("p", dir, f, Optional.empty()),
              new MarkdownDocs(), "", "x");
      assertThat(r.logType()).isEqualTo("progress");
      assertThat(r.entries()).isEqualTo(2);
      assertThat(r.header()).isEqualTo(1);
      assertThat(r.fenced()).isEqualTo(3);
      assertThat(r.blank()).isEqualTo(1);
      assertThat(r.unparsable()).extracting(LogImporter.Problem::lineNumber).containsExactly(7, 8);
      assertThat(r.unparsable().get(1).reason()).contains("not a time");
      assertThat(r.idsKept()).isEqualTo(1);
      assertThat(r.summary()).anySatisfy(s -> assertThat(s).startsWith("unparsable line 7:"));

      MemoryLogFiles files = new MemoryLogFiles();
      MarkdownView view = new MarkdownView(files);
      log.forEach(1, e -> {
        try {
          view.apply(CODEC.toRecorded(e));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
      String rendered = new String(files.read(view.current("p", "progress").orElseThrow().logPath()).orElseThrow(), UTF_8);
      assertThat(rendered).endsWith(
          "[ℹ️] [2026-01-01 10:00:00 UTC] [Agent: A] [Project: p] real \\n text | k=v\n"
              + "[✅] [2026-01-01T10:00:01.5+00:00] [Agent: A] [Project: p] [ID: 0123456789abcdef0123456789abcdef] iso time\n");
    }
  }

  @Test
  void the_fixture_directory_is_found_or_the_fixture_tests_say_why_they_skip() {
    // Documents the skip rule: without ../shared the parameterised test skips with a message.
    assertThat(fixtures().map(p -> p.endsWith("shared/fixtures/scribe-logs")).orElse(true)).isTrue();
  }
}
