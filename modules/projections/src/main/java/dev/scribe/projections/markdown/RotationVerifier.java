package dev.scribe.projections.markdown;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.rotation.RotationPlanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** Not checked: the project was deleted afterwards (its docs may have moved). */
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
   * Verifies {@code rotations} (every {@link LogRotated} of the log, in log order) against the
   * archives in {@code files}.
   *
   * @param deletedProjects projects deleted (and not registered again) by the end of the log:
   *     their archives are not checked, their chains still are
   */
  public static Report verify(
      List<LogRotated> rotations, Set<String> deletedProjects, LogFiles files) throws IOException {
    Map<String, LogRotated> last = new HashMap<>();
    List<Finding> out = new ArrayList<>(rotations.size());
    for (LogRotated r : rotations) {
      LogRotated prev = last.put(r.project(), r);
      String chainProblem = chainProblem(prev, r);
      Status status;
      String detail;
      if (chainProblem != null) {
        status = Status.CHAIN_BROKEN;
        detail = chainProblem;
      } else if (deletedProjects.contains(r.project())) {
        status = Status.SKIPPED;
        detail = "project deleted; archive not checked";
      } else {
        String path = MarkdownView.normalize(r.archivePath());
        Optional<byte[]> bytes = files.read(path);
        if (bytes.isEmpty()) {
          status = Status.MISSING;
          detail = "archive missing: " + path;
        } else {
          String sha = RotationPlanner.sha256Hex(bytes.get());
          if (!sha.equals(r.archiveSha256())) {
            status = Status.CHANGED;
            detail =
                "archive changed: sha256 " + sha + " (" + bytes.get().length + " bytes), recorded "
                    + r.archiveSha256() + " (" + r.byteSize() + " bytes)";
          } else {
            status = Status.OK;
            detail = "sha256 " + sha.substring(0, 16) + "… verified";
          }
        }
      }
      out.add(
          new Finding(
              r.project(), r.logType(), r.sequenceNumber(), r.rotationId(), r.archivePath(), status,
              detail));
    }
    return new Report(out);
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
