package dev.scribe.projections.markdown;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.rotation.RotationPlanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Checks rotation archives against the log (reference B68, §6.3): recomputes each archive's
 * SHA-256 and size and compares them with its {@link LogRotated}, and walks each project's chain
 * ({@code chainSha256 = sha256(previousChain + archiveSha256)}, sequence numbers 1, 2, 3, …). Names
 * every archive that changed or is missing and every broken link. Tool-less: {@code scribe verify}
 * and tests call it.
 */
public final class RotationVerifier {
  private RotationVerifier() {}

  /** What was found for one rotation. */
  public enum Status {
    /** The archive's bytes hash to the recorded value and its chain link holds. */
    OK,
    /** The archive's bytes differ from what the rotation recorded. */
    CHANGED,
    /** The archive is not where the rotation put it. */
    MISSING,
    /** The rotation's sequence number or chain does not follow from the previous one. */
    CHAIN_BROKEN,
    /** Not checked: the project was deleted permanently afterwards. */
    SKIPPED
  }

  /** One rotation's result. */
  public record Finding(
      String project,
      String logType,
      long sequenceNumber,
      String rotationId,
      String archivePath,
      Status status,
      String detail) {
    public Finding {
      requireNonNull(project, "project");
      requireNonNull(logType, "logType");
      requireNonNull(rotationId, "rotationId");
      requireNonNull(archivePath, "archivePath");
      requireNonNull(status, "status");
      requireNonNull(detail, "detail");
    }

    /** Damage: a changed or missing archive, or a broken chain. */
    public boolean damaged() {
      return status == Status.CHANGED || status == Status.MISSING || status == Status.CHAIN_BROKEN;
    }
  }

  /** Every rotation's finding, in log order. */
  public record Report(List<Finding> findings) {
    public Report {
      findings = List.copyOf(findings);
    }

    public boolean intact() {
      return findings.stream().noneMatch(Finding::damaged);
    }

    public List<Finding> damaged() {
      return findings.stream().filter(Finding::damaged).toList();
    }

    /** The finding of rotation {@code rotationId}. */
    public Optional<Finding> of(String rotationId) {
      return findings.stream().filter(f -> f.rotationId().equals(rotationId)).findFirst();
    }
  }

  /**
   * Verifies every rotation in {@code history} (the log's {@link ProjectRegistered}, {@link
   * ProjectDeleted} and {@link LogRotated} events in log order; others are ignored) against the
   * archives in {@code files}. An archive whose project was deleted afterwards is looked for where
   * the deletion moved it (mode {@code archive}: the docs directory went to the deletion's archive
   * path), or not checked (mode {@code permanent}).
   */
  public static Report verify(List<? extends ScribeEvent> history, LogFiles files) throws IOException {
    Map<String, ProjectRegistered> projects = new HashMap<>();
    Map<String, LogRotated> last = new HashMap<>();
    List<Pending> pending = new ArrayList<>();
    for (ScribeEvent e : history) {
      if (e instanceof ProjectRegistered p) {
        projects.put(p.name(), p);
      } else if (e instanceof LogRotated r) {
        pending.add(new Pending(r, chainProblem(last.put(r.project(), r), r), MarkdownView.normalize(r.archivePath())));
      } else if (e instanceof ProjectDeleted d) {
        ProjectRegistered p = projects.remove(d.name());
        for (Pending x : pending) {
          if (!x.rotation.project().equals(d.name()) || x.moved || x.removed) continue;
          if (p == null) continue;
          boolean own =
              x.location.startsWith(MarkdownView.normalize(p.docsDir()) + "/")
                  || x.location.startsWith(MarkdownView.normalize(p.progressLog()) + ".");
          if (own && (d.archivePath() == null || !"archive".equals(d.mode()))) {
            x.removed = true;
            continue;
          }
          String docs = MarkdownView.normalize(p.docsDir());
          String progress = MarkdownView.normalize(p.progressLog());
          if (!x.location.startsWith(docs + "/") && !x.location.startsWith(progress + ".")) {
            continue; // the repository's global log stays where it is
          }
          String dest = MarkdownView.normalize(d.archivePath());
          x.location =
              x.location.startsWith(docs + "/")
                  ? dest + x.location.substring(docs.length())
                  : MarkdownView.normalize(Path.of(dest, Path.of(x.location).getFileName().toString()).toString());
          x.moved = true;
        }
      }
    }
    List<Finding> out = new ArrayList<>(pending.size());
    for (Pending x : pending) {
      LogRotated r = x.rotation;
      Status status;
      String detail;
      if (x.chainProblem != null) {
        status = Status.CHAIN_BROKEN;
        detail = x.chainProblem;
      } else if (x.removed) {
        status = Status.SKIPPED;
        detail = "project deleted permanently; archive not checked";
      } else {
        Optional<byte[]> bytes = files.read(x.location);
        String where = x.moved ? " (moved with the deleted project's docs to " + x.location + ")" : "";
        if (bytes.isEmpty()) {
          status = Status.MISSING;
          detail = "archive missing: " + x.location;
        } else {
          String sha = RotationPlanner.sha256Hex(bytes.get());
          if (!sha.equals(r.archiveSha256())) {
            status = Status.CHANGED;
            detail =
                "archive changed: sha256 " + sha + " (" + bytes.get().length + " bytes), recorded "
                    + r.archiveSha256() + " (" + r.byteSize() + " bytes)" + where;
          } else {
            status = Status.OK;
            detail = "sha256 " + sha.substring(0, 16) + "… verified" + where;
          }
        }
      }
      out.add(
          new Finding(
              r.project(), r.logType(), r.sequenceNumber(), r.rotationId(), x.location, status, detail));
    }
    return new Report(out);
  }

  private static final class Pending {
    final LogRotated rotation;
    final @Nullable String chainProblem;
    String location;
    boolean moved;
    boolean removed;

    Pending(LogRotated rotation, @Nullable String chainProblem, String location) {
      this.rotation = rotation;
      this.chainProblem = chainProblem;
      this.location = location;
    }
  }

  private static @Nullable String chainProblem(@Nullable LogRotated prev, LogRotated r) {
    long expectedSeq = prev == null ? 1 : prev.sequenceNumber() + 1;
    if (r.sequenceNumber() != expectedSeq) {
      return "sequence number " + r.sequenceNumber() + ", expected " + expectedSeq;
    }
    String expectedPrev = prev == null ? null : prev.chainSha256();
    if (!Objects.equals(r.previousArchiveSha256(), expectedPrev)) {
      return "previous chain " + r.previousArchiveSha256() + ", expected " + expectedPrev;
    }
    String chain = RotationPlanner.chainSha256(r.previousArchiveSha256(), r.archiveSha256());
    if (!chain.equals(r.chainSha256())) {
      return "chain sha256 " + r.chainSha256() + " does not follow from its archive (expected " + chain + ")";
    }
    return null;
  }
}
