package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.domain.entry.EntryMeta;
import dev.scribe.domain.entry.MarkdownLine;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.rotation.RotationPlanner;
import java.util.List;

/**
 * The Markdown lines of an entry (reference §2.3): its primary line and the copies teed to other
 * logs, which carry {@code log_type=<tee type>}.
 *
 * <p>{@code [ID: …]} appears only where the entry's own line had it: an imported line that carried
 * one keeps its id as {@code entryId}, and {@code contentSha256} — the SHA-256 of the rendered
 * primary line — tells which of the two forms the line is. Entries Scribe writes hash the form
 * without the id, as the Python server's live path wrote them.
 */
public final class EntryLines {
  private EntryLines() {}

  /** The primary line, without its newline. */
  public static String primary(EntryAppended e) {
    boolean withId = carriesId(e);
    return line(e, e.meta(), withId);
  }

  /** The copy of the line teed to log {@code teeLogType}, without its newline. */
  public static String tee(EntryAppended e, String teeLogType) {
    return line(e, EntryMeta.withLogType(e.meta(), teeLogType), carriesId(e));
  }

  /** Whether the entry's line carries {@code [ID: entryId]}. */
  public static boolean carriesId(EntryAppended e) {
    if (sha(line(e, e.meta(), false)).equals(e.contentSha256())) return false;
    return sha(line(e, e.meta(), true)).equals(e.contentSha256());
  }

  private static String line(EntryAppended e, List<MetaPair> meta, boolean withId) {
    return new MarkdownLine(
            e.emoji(), e.timestamp(), e.agent(), e.project(), withId ? e.entryId() : null,
            e.message(), meta)
        .render();
  }

  private static String sha(String line) {
    return RotationPlanner.sha256Hex(line.getBytes(UTF_8));
  }
}
