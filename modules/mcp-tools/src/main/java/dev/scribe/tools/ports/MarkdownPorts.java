package dev.scribe.tools.ports;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.rotation.Segment;
import dev.scribe.projections.markdown.MarkdownDocs;
import dev.scribe.projections.markdown.MarkdownView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ports {@link DocsScaffolder} and {@link LogSegments} served by the Markdown view's classes
 * (module projections, which cannot see these interfaces). The server wires them:
 *
 * <pre>{@code
 * MarkdownView markdown = MarkdownView.onDisk();          // register markdown with the runner
 * DocsScaffolder docs = MarkdownPorts.docsScaffolder(new MarkdownDocs());
 * LogSegments segments = MarkdownPorts.logSegments(markdown);
 * }</pre>
 */
public final class MarkdownPorts {
  private MarkdownPorts() {}

  public static DocsScaffolder docsScaffolder(MarkdownDocs docs) {
    requireNonNull(docs, "docs");
    return new DocsScaffolder() {
      @Override
      public Path docsDir(Path root, String slug) {
        return docs.docsDir(root, slug);
      }

      @Override
      public Result scaffold(Request r) {
        List<MarkdownDocs.Doc> made;
        try {
          made =
              docs.scaffold(r.projectName(), r.docsDir(), r.progressLog(), r.author(), r.overwriteDocs());
        } catch (MarkdownDocs.WriteFailedException e) {
          throw new ScaffoldException(e.getMessage(), e.path(), e);
        }
        List<Doc> all = new ArrayList<>();
        List<Path> generated = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String key : KEYS) {
          for (MarkdownDocs.Doc d : made) {
            if (!d.key().equals(key)) continue;
            all.add(new Doc(key, d.path()));
            if (d.generated()) generated.add(d.path());
            else skipped.add(key);
          }
        }
        return new Result(all, generated, skipped);
      }
    };
  }

  public static LogSegments logSegments(MarkdownView view) {
    requireNonNull(view, "view");
    return new LogSegments() {
      @Override
      public String viewName() {
        return view.name();
      }

      @Override
      public Optional<Segment> current(String project, String logType) {
        return view.current(project, logType);
      }

      @Override
      public long sizeHint(String project, String logType) {
        return view.sizeHint(project, logType);
      }

      @Override
      public boolean pathTaken(String path) {
        return view.pathTaken(path);
      }
    };
  }
}
