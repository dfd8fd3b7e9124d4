package dev.scribe.projections.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scribe.domain.entry.LogType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownDocsTest {
  @TempDir Path root;
  private final MarkdownDocs docs = new MarkdownDocs();

  @Test
  void the_docs_dir_is_under_dot_scribe_unless_only_the_legacy_one_exists() throws Exception {
    assertThat(docs.docsDir(root, "p")).isEqualTo(root.resolve(".scribe/docs/dev_plans/p"));
    Files.createDirectories(root.resolve("docs/dev_plans/p"));
    assertThat(docs.docsDir(root, "p")).isEqualTo(root.resolve("docs/dev_plans/p"));
    Files.createDirectories(root.resolve(".scribe/docs/dev_plans/p"));
    assertThat(docs.docsDir(root, "p")).isEqualTo(root.resolve(".scribe/docs/dev_plans/p"));
  }

  @Test
  void creates_the_seven_documents_once_and_skips_them_afterwards() throws Exception {
    Path dir = docs.docsDir(root, "implementation_testing");
    List<MarkdownDocs.Doc> first =
        docs.scaffold("IMPLEMENTATION TESTING", dir, dir.resolve("PROGRESS_LOG.md"), "Scribe", false);
    assertThat(first).extracting(MarkdownDocs.Doc::key)
        .containsExactly("architecture", "phase_plan", "checklist", "progress_log", "doc_log",
            "security_log", "bug_log");
    assertThat(first).allMatch(MarkdownDocs.Doc::generated);
    assertThat(first).extracting(d -> d.path().getFileName().toString())
        .containsExactly("ARCHITECTURE_GUIDE.md", "PHASE_PLAN.md", "CHECKLIST.md", "PROGRESS_LOG.md",
            "DOC_LOG.md", "SECURITY_LOG.md", "BUG_LOG.md");
    // The logs are exactly the Markdown view's headers, so the view adopts them unchanged.
    assertThat(Files.readString(dir.resolve("BUG_LOG.md")))
        .isEqualTo(LogTemplates.logHeader(LogType.BUGS, "IMPLEMENTATION TESTING", null));

    Files.writeString(dir.resolve("CHECKLIST.md"), "my edits\n");
    List<MarkdownDocs.Doc> second =
        docs.scaffold("IMPLEMENTATION TESTING", dir, dir.resolve("PROGRESS_LOG.md"), "Scribe", false);
    assertThat(second).noneMatch(MarkdownDocs.Doc::generated);
    assertThat(Files.readString(dir.resolve("CHECKLIST.md"))).isEqualTo("my edits\n");
  }

  @Test
  void overwrite_regenerates_the_templates_but_never_a_log() throws Exception {
    Path dir = docs.docsDir(root, "p");
    docs.scaffold("p", dir, dir.resolve("PROGRESS_LOG.md"), "Scribe", false);
    Files.writeString(dir.resolve("CHECKLIST.md"), "my edits\n");
    Files.writeString(dir.resolve("PROGRESS_LOG.md"), "entries\n");
    List<MarkdownDocs.Doc> again = docs.scaffold("p", dir, dir.resolve("PROGRESS_LOG.md"), "Ann", true);
    assertThat(again).filteredOn(MarkdownDocs.Doc::generated).extracting(MarkdownDocs.Doc::key)
        .containsExactly("architecture", "phase_plan", "checklist");
    assertThat(Files.readString(dir.resolve("CHECKLIST.md"))).contains("**Author:** Ann");
    assertThat(Files.readString(dir.resolve("PROGRESS_LOG.md"))).isEqualTo("entries\n");
  }

  @Test
  void a_progress_log_elsewhere_in_the_root_is_created_there() throws Exception {
    Path dir = docs.docsDir(root, "p");
    Path log = root.resolve("logs/MY_LOG.md");
    List<MarkdownDocs.Doc> made = docs.scaffold("p", dir, log, "Scribe", false);
    assertThat(made.get(3).path()).isEqualTo(log);
    assertThat(Files.readString(log)).startsWith("# 📜 Progress Log — p\n");
  }

  @Test
  void an_unwritable_place_is_reported_with_the_path() throws Exception {
    // Root ignores permissions, so block the directory with a file instead.
    Files.writeString(root.resolve(".scribe"), "not a directory");
    Path dir = docs.docsDir(root, "p");
    assertThatThrownBy(() -> docs.scaffold("p", dir, dir.resolve("PROGRESS_LOG.md"), "S", false))
        .isInstanceOf(MarkdownDocs.WriteFailedException.class)
        .hasMessage("Insufficient permissions to write under '" + root.resolve(".scribe") + "'.");
  }
}
