package dev.scribe.projections.markdown;

import dev.scribe.domain.entry.LogType;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The texts Scribe writes besides entry lines: the template header of each log file (the Markdown
 * view's and the scaffolder's, the same bytes) and the starting documents of a project. Pure and
 * deterministic: only data from events goes in, never the clock.
 */
public final class LogTemplates {
  /** The start of the marker line by which the view recognises a file it wrote. */
  public static final String MARKER = "<!-- scribe:view ";

  /** The last header line: entries follow after one blank line. */
  public static final String ENTRIES_BELOW = "## Entries will populate below";

  private LogTemplates() {}

  /**
   * The segment a fresh log file continues, for the header after a rotation.
   *
   * @param archiveName the archive's file name
   * @param sequenceNumber the rotation's sequence number
   * @param chainSha256 the rotation chain after it
   */
  public record Continuation(String archiveName, long sequenceNumber, String chainSha256) {}

  /**
   * The header of a project log file.
   *
   * @param subject the project name, or for the global log the repository's directory name
   */
  public static String logHeader(LogType type, String subject, @Nullable Continuation after) {
    String s = oneLine(subject);
    String entryProject = type == LogType.GLOBAL ? "<project>" : s;
    StringBuilder b = new StringBuilder(768);
    b.append(type.title()).append(" — ").append(s).append('\n');
    b.append(MARKER).append("log=").append(type.wireName())
        .append(type == LogType.GLOBAL ? " repository=" : " project=")
        .append(s.replace("--", "- -")).append(" -->\n\n");
    b.append("> Rendered by Scribe from its event log: one line per entry, in log order. Append with")
        .append(" the\n> `append_entry` tool");
    if (type != LogType.PROGRESS) b.append(" (`log_type=\"").append(type.wireName()).append("\"`)");
    b.append("; this file is rebuilt from the log, so edits made here are not kept.\n\n");
    if (!type.requiredMeta().isEmpty()) {
      b.append("**Required metadata:** ")
          .append(type.requiredMeta().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
          .append("\n\n");
    }
    b.append("## Entry Format\n```\n[EMOJI] [YYYY-MM-DD HH:MM:SS UTC] [Agent: <name>] [Project: ")
        .append(entryProject).append("] Message text | key=value; key2=value2\n```\n\n");
    if (after != null) {
      b.append("**Continues from** `").append(oneLine(after.archiveName())).append("` (rotation ")
          .append(after.sequenceNumber()).append(", chain sha256 `").append(after.chainSha256())
          .append("`).\n\n");
    }
    b.append(ENTRIES_BELOW).append("\n\n");
    return b.toString();
  }

  /** The non-log documents {@code set_project} creates, by key. */
  public static String document(String key, String projectName, String author) {
    String p = oneLine(projectName);
    String a = oneLine(author);
    String head = "**Project:** " + p + "  \n**Author:** " + a + "\n\n";
    return switch (key) {
      case "architecture" ->
          "# 🏗️ Architecture Guide — " + p + "\n" + head
              + section("1. Problem Statement", "What problem this project solves, for whom, and why now.")
              + section("2. Goals and Non-Goals", "- Goal:\n- Non-goal:")
              + section("3. Architecture Overview", "Components, data flow and external integrations.")
              + section("4. Detailed Design", "Interfaces, data models and the decisions behind them.")
              + section("5. Risks and Open Questions", "- Risk:\n- Question:");
      case "phase_plan" ->
          "# 🗺️ Phase Plan — " + p + "\n" + head
              + section("Phase 0 — Setup", "- Deliverables:\n- Exit criteria:")
              + section("Phase 1 — Implementation", "- Deliverables:\n- Exit criteria:")
              + section("Phase 2 — Verification", "- Deliverables:\n- Exit criteria:");
      case "checklist" ->
          "# ✅ Checklist — " + p + "\n" + head
              + section("Phase 0", "- [ ] Architecture guide reviewed\n- [ ] Phase plan agreed")
              + section("Phase 1", "- [ ] Implementation done\n- [ ] Tests pass")
              + section("Phase 2", "- [ ] Verified and logged (link the progress-log entries)");
      default -> throw new IllegalArgumentException("not a template document: " + key);
    };
  }

  /** Whether {@code firstLines} (the start of a file) carry the view's marker. */
  public static boolean hasMarker(List<String> firstLines) {
    for (String l : firstLines) if (l.startsWith(MARKER)) return true;
    return false;
  }

  private static String section(String title, String body) {
    return "## " + title + "\n" + body + "\n\n";
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
