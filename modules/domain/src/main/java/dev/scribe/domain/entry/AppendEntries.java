package dev.scribe.domain.entry;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.domain.project.Project;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code append_entry} as a pure decision (reference §2.1–§2.5, §3.6; B30–B45): each input becomes
 * one {@link EntryAppended}, or is refused with a specific error. Nothing is healed: a bad status,
 * timestamp, emoji or log type name is an error; only the reference's lenient rules of B35 remain
 * (an unknown priority becomes {@code medium}, an unknown category is dropped, a confidence outside
 * 0..1 becomes 1.0), each reported as a warning.
 *
 * <p>Single mode: the first refusal is thrown. Bulk mode: a refused item is reported in {@link
 * Decision#failed()} and the others are written (B43).
 */
public final class AppendEntries {
  /** The longest message accepted (the Python server truncated at 1000; Scribe stores whole). */
  public static final int MAX_MESSAGE_LENGTH = 20_000;

  private static final Pattern LOG_TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
  private static final Set<String> TRUTHY = Set.of("1", "true", "yes");

  private AppendEntries() {}

  /**
   * @param items the entries, in order (bulk items already {@linkplain EntryInput#inheriting
   *     completed} by the call's arguments)
   * @param bulk whether failures are per item (bulk) or fail the call (single)
   * @param baseTimestamp {@code timestamp_utc}: the time of a single entry, the base of a bulk
   * @param staggerSeconds a bulk item {@code i} without its own timestamp gets base + i·stagger
   */
  public record Command(
      List<EntryInput> items, boolean bulk, @Nullable String baseTimestamp, long staggerSeconds) {
    public Command {
      items = List.copyOf(requireNonNull(items, "items"));
      if (items.isEmpty()) throw new IllegalArgumentException("no items");
      if (!bulk && items.size() != 1) throw new IllegalArgumentException("single mode, many items");
    }
  }

  /**
   * One entry decided.
   *
   * @param index the item's 0-based place in the command
   * @param line the primary log's Markdown line
   * @param path the primary log's file
   * @param paths the primary and tee files, sorted
   */
  public record Written(
      int index,
      EntryAppended event,
      String line,
      String path,
      List<String> paths,
      List<Reminder> reminders,
      List<String> warnings) {
    public Written {
      paths = List.copyOf(paths);
      reminders = List.copyOf(reminders);
      warnings = List.copyOf(warnings);
    }
  }

  /** One bulk item refused. */
  public record Failed(int index, String code, String error) {}

  public record Decision(List<Written> written, List<Failed> failed) {
    public Decision {
      written = List.copyOf(written);
      failed = List.copyOf(failed);
    }

    public List<EntryAppended> events() {
      List<EntryAppended> out = new ArrayList<>(written.size());
      for (Written w : written) out.add(w.event());
      return out;
    }
  }

  /**
   * Decides.
   *
   * @param now the call's time (the default claimed time)
   * @param ids unique ids; entry ids are 32 lower-case hex ({@link #entryId})
   * @throws DomainException single mode: the entry's refusal; both modes: an unparsable {@code
   *     timestamp_utc}
   */
  public static Decision decide(Command cmd, Project project, Instant now, Supplier<String> ids) {
    Instant base = cmd.baseTimestamp() == null ? now : claimed(cmd.baseTimestamp());
    MessageDigest sha = sha256();
    List<Written> written = new ArrayList<>(cmd.items().size());
    List<Failed> failed = new ArrayList<>();
    for (int i = 0; i < cmd.items().size(); i++) {
      EntryInput in = cmd.items().get(i);
      try {
        Instant at =
            in.timestamp() != null
                ? claimed(in.timestamp())
                : base.plusSeconds(cmd.bulk() ? i * cmd.staggerSeconds() : 0);
        written.add(entry(i, in, project, at, ids, sha));
      } catch (DomainException e) {
        if (!cmd.bulk()) throw e;
        failed.add(new Failed(i, e.code(), e.getMessage()));
      }
    }
    return new Decision(written, failed);
  }

  private static Written entry(
      int index, EntryInput in, Project project, Instant at, Supplier<String> ids, MessageDigest sha) {
    List<String> warnings = new ArrayList<>();
    if (in.unreadable() != null) throw invalid(in.unreadable());
    String message = in.message();
    if (message == null) throw invalid("Missing required 'message' field");
    if (message.isBlank()) throw invalid("Message cannot be empty");
    if (message.length() > MAX_MESSAGE_LENGTH) {
      throw invalid(
          "Message is too long: " + message.length() + " characters (at most "
              + MAX_MESSAGE_LENGTH + ").");
    }
    Status status = null;
    if (in.status() != null) {
      status =
          Status.parse(in.status())
              .orElseThrow(
                  () -> invalid("Invalid status '" + in.status() + "'. Allowed: " + Status.allowed() + "."));
    }
    String emoji = null;
    if (in.emoji() != null && !in.emoji().isBlank()) emoji = emoji(in.emoji());
    if (in.detectStatus() && status == null && emoji == null) {
      Optional<String[]> lead = AutoSplit.leadingEmoji(message);
      if (lead.isPresent()) {
        emoji = lead.get()[0];
        message = lead.get()[1];
      }
      status = AutoSplit.detectStatus(message).orElse(null);
    }
    if (emoji == null) {
      emoji =
          status != null
              ? status.emoji()
              : project.defaultEmoji().map(AppendEntries::cleanSegment).filter(s -> !s.isEmpty())
                  .orElse(Status.DEFAULT_EMOJI);
    }
    String agent =
        in.agent() != null
            ? Agents.sanitize(in.agent())
            : project.defaultAgent().map(Agents::sanitize).orElse(Agents.DEFAULT);

    Priority priority;
    if (in.priority() != null) {
      Optional<Priority> p = Priority.parse(in.priority());
      if (p.isEmpty()) {
        warnings.add(
            "Unknown priority '" + in.priority() + "' (allowed: " + Priority.allowed()
                + "); used 'medium'.");
      }
      priority = p.orElse(Priority.MEDIUM);
    } else {
      priority = status != null ? status.inferredPriority() : Priority.MEDIUM;
    }
    Category category = null;
    if (in.category() != null) {
      category = Category.parse(in.category()).orElse(null);
      if (category == null) {
        warnings.add(
            "Unknown category '" + in.category() + "' (allowed: " + Category.allowed()
                + "); dropped.");
      }
    }
    Double confidence = in.confidence();
    if (confidence != null) {
      if (confidence.isNaN() || confidence.isInfinite()) {
        throw invalid("Invalid confidence '" + confidence + "': a number from 0 to 1 is expected.");
      }
      if (confidence < 0 || confidence > 1) {
        warnings.add("Confidence " + PythonStyle.number(confidence) + " is outside 0..1; used 1.0.");
        confidence = 1.0;
      }
    }
    List<String> tags = in.tags() == null ? List.of() : in.tags();

    String typeName = logTypeName(in.logType());
    Optional<LogType> known = LogType.parse(typeName);
    if (known.isEmpty()) {
      warnings.add(
          "Unknown log_type '" + typeName + "'; the entry is written to the progress log with"
              + " log_type=" + typeName + ".");
    }
    for (String k : in.meta().keySet()) {
      String key = EntryMeta.sanitizeKey(k);
      if (EntryMeta.RESERVED.contains(key)) {
        warnings.add("Meta key '" + k + "' is set by Scribe; the given value was ignored.");
      }
    }
    List<MetaPair> user = EntryMeta.userPairs(in.meta());
    Set<String> keys = new LinkedHashSet<>();
    for (MetaPair p : user) keys.add(p.key());
    if (known.isPresent()) {
      List<String> missing = missing(known.get(), keys);
      if (!missing.isEmpty()) {
        throw new DomainException(
            Codes.MISSING_METADATA, "Missing metadata for log entry: " + String.join(", ", missing));
      }
    }

    // Tees (reference §3.6 step 7): bug and security copies need their required meta; without it
    // the copy is not written and a reminder says what to add.
    LogType primary = known.orElse(LogType.PROGRESS);
    List<String> tees = new ArrayList<>();
    List<Reminder> reminders = new ArrayList<>();
    boolean bugWanted = status == Status.BUG || LogType.BUG_EMOJIS.contains(emoji);
    String securityFlag = EntryMeta.get(user, "security_event");
    boolean securityWanted =
        (securityFlag != null && TRUTHY.contains(securityFlag.trim().toLowerCase(Locale.ROOT)))
            || LogType.SECURITY_EMOJIS.contains(emoji);
    if (primary == LogType.PROGRESS || primary == LogType.BUGS || primary == LogType.SECURITY) {
      if (primary != LogType.PROGRESS) tees.add(LogType.PROGRESS.wireName());
      tee(LogType.BUGS, bugWanted, primary, keys, tees, reminders);
      tee(LogType.SECURITY, securityWanted, primary, keys, tees, reminders);
    }

    Instant ts = at.truncatedTo(ChronoUnit.SECONDS);
    String timestamp = Timestamps.format(ts);
    List<MetaPair> pairs = EntryMeta.linePairs(user, priority, category, tags, confidence, typeName);
    String line =
        new MarkdownLine(emoji, timestamp, agent, project.name(), null, message, pairs).render();
    String hash = HexFormat.of().formatHex(sha.digest(line.getBytes(StandardCharsets.UTF_8)));
    EntryAppended event =
        new EntryAppended(
            entryId(ids.get()), project.name(), typeName, tees, timestamp, ts.toEpochMilli(), emoji,
            status == null ? null : status.wireName(), agent, message, pairs, priority.wireName(),
            category == null ? null : category.wireName(), tags, confidence, hash);
    String path = project.logPath(typeName);
    TreeSet<String> paths = new TreeSet<>();
    paths.add(path);
    for (String t : tees) paths.add(project.logPath(t));
    return new Written(index, event, line, path, List.copyOf(paths), reminders, warnings);
  }

  private static void tee(
      LogType type,
      boolean wanted,
      LogType primary,
      Set<String> keys,
      List<String> tees,
      List<Reminder> reminders) {
    if (!wanted || type == primary) return;
    if (missing(type, keys).isEmpty()) tees.add(type.wireName());
    else reminders.add(Reminder.missingTeeMeta(type));
  }

  private static List<String> missing(LogType type, Set<String> keys) {
    List<String> out = new ArrayList<>();
    for (String k : type.requiredMeta()) if (!keys.contains(k)) out.add(k);
    return out;
  }

  /**
   * An entry id from the id source: the id itself when it is 32 lower-case hex (production), else
   * the first 32 hex digits of its SHA-256 (deterministic test ids stay unique and well-formed).
   */
  public static String entryId(String raw) {
    if (HEX32.matcher(raw).matches()) return raw;
    return HexFormat.of().formatHex(sha256().digest(raw.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
  }

  /** {@code timestamp_utc}: the line form or ISO-8601, else an error with the reference's text. */
  public static Instant claimed(String value) {
    return Timestamps.parseClaimed(value)
        .orElseThrow(() -> new DomainException(Codes.INVALID_ARGUMENT, Timestamps.unparsable(value)));
  }

  private static String logTypeName(@Nullable String given) {
    if (given == null) return LogType.PROGRESS.wireName();
    String t = given.trim().toLowerCase(Locale.ROOT);
    if (!LOG_TYPE_NAME.matcher(t).matches()) {
      throw invalid(
          "Invalid log_type '" + given + "': a name of letters, digits and '_' is expected"
              + " (progress, doc_updates, bugs, security, global).");
    }
    return t;
  }

  private static String emoji(String given) {
    if (!cleanSegment(given).equals(given) || given.length() > 16) {
      throw invalid(
          "Invalid emoji '" + given + "': it must be a short symbol without '[', ']' or line"
              + " breaks.");
    }
    return given;
  }

  /** {@code s} without what would break a {@code [ … ]} segment of the line. */
  private static String cleanSegment(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '[' && c != ']' && !Character.isISOControl(c)) b.append(c);
    }
    return b.toString().strip();
  }

  private static DomainException invalid(String message) {
    return new DomainException(Codes.INVALID_ARGUMENT, message);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The meta of a line as an ordered map (keys are unique in lines Scribe writes). */
  public static Map<String, String> metaMap(List<MetaPair> pairs) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (MetaPair p : pairs) m.putIfAbsent(p.key(), p.value());
    return m;
  }
}
