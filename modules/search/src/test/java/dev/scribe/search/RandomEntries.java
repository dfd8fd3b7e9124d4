package dev.scribe.search;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.query.CaseFold;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.InvalidQueryException;
import dev.scribe.domain.query.MessageMatch;
import dev.scribe.domain.query.MessageMode;
import dev.scribe.domain.query.SortOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/** Seeded random entries and queries over them, with awkward text on purpose. */
final class RandomEntries {
  static final List<String> PROJECTS = List.of("alpha", "beta", "Gamma Proj", "δ");
  static final List<String> AGENTS = List.of("A", "B", "Coder", "coder", "Review-Bot");
  static final List<String> EMOJIS = List.of("ℹ️", "✅", "⚠️", "❌", "🐞", "🧭", "🔐", "x");
  static final String[] WORDS = {
    "Fix", "fix", "NPE", "in", "the", "build", "mvn", "verify", "Foo12.java", "bar_baz()",
    "ΣΑΣ", "σας", "straße", "STRASSE", "İstanbul", "ſtop", "🐞bug", "a|b", "key=value", "m1",
    "m2", "M12", "example", "template", "[x]", "(y)", "$5.00", "50%", "tab\there", "line\nbreak",
    "\u0003", "ok", "OK", "ok.", "re-run", "e", "é", "E\u0301", "ﬁle", "test", "tests", "latest"
  };
  static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  private RandomEntries() {}

  static String message(Random r) {
    int n = 1 + r.nextInt(8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) b.append(r.nextInt(6) == 0 ? "" : " ");
      b.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  static EntryAppended entry(Random r, int i) {
    Status status = r.nextInt(5) == 0 ? null : Status.values()[r.nextInt(Status.values().length)];
    String emoji = status != null && r.nextBoolean() ? status.emoji() : pick(r, EMOJIS);
    long millis = T0 + (long) r.nextInt(10 * 24 * 3600) * 1000 + (r.nextInt(4) == 0 ? r.nextInt(1000) : 0);
    List<MetaPair> meta = new ArrayList<>();
    int metas = r.nextInt(4);
    for (int k = 0; k < metas; k++) {
      meta.add(new MetaPair(pick(r, List.of("n", "phase", "a.b", "x:y", "k-1")), String.valueOf(r.nextInt(4))));
    }
    if (r.nextInt(10) == 0) meta.add(new MetaPair("long", "v".repeat(2000 + r.nextInt(3))));
    String priority =
        r.nextInt(10) == 0 ? "urgent-ish" : Priority.values()[r.nextInt(4)].wireName();
    String category =
        r.nextInt(3) == 0 ? null : r.nextInt(10) == 0 ? "Weird" : Category.values()[r.nextInt(Category.values().length)].wireName();
    Double confidence = r.nextInt(3) == 0 ? null : r.nextInt(8) == 0 ? 0.0 : r.nextInt(11) / 10.0;
    return new EntryAppended(
        String.format("%032x", i), pick(r, PROJECTS), "progress", List.of(),
        Timestamps.format(Instant.ofEpochMilli(millis)), millis, emoji,
        status == null ? null : status.wireName(), pick(r, AGENTS), message(r), meta, priority,
        category, List.of(), confidence, "0".repeat(64));
  }

  static <T> T pick(Random r, List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  /** A random query; its message needle comes from {@code sample} (an existing message) or not. */
  static EntryQuery query(Random r, String sample) {
    EntryScope scope =
        r.nextInt(3) == 0 ? EntryScope.allProjects() : EntryScope.project(pick(r, PROJECTS));
    EntryQuery.Builder b = EntryQuery.builder(scope);
    if (r.nextInt(3) > 0) b.message(message(r, sample));
    if (r.nextInt(4) == 0) {
      long a = T0 + (long) r.nextInt(11 * 24 * 3600) * 1000 + r.nextInt(1000);
      long z = a + (long) r.nextInt(5 * 24 * 3600) * 1000 + r.nextInt(1000);
      if (r.nextBoolean()) b.start(Instant.ofEpochMilli(a).plusNanos(r.nextInt(1_000_000)));
      if (r.nextBoolean()) b.end(Instant.ofEpochMilli(z).plusNanos(r.nextInt(1_000_000)));
    }
    if (r.nextInt(4) == 0) b.emojis(List.of(pick(r, EMOJIS)));
    if (r.nextInt(5) == 0) b.statuses(List.of(Status.values()[r.nextInt(6)], Status.values()[r.nextInt(6)]));
    if (r.nextInt(4) == 0) b.agents(List.of(pick(r, AGENTS), pick(r, AGENTS)));
    if (r.nextInt(4) == 0) b.meta(pick(r, List.of("n", "phase", "a.b", "x:y", "k-1")), String.valueOf(r.nextInt(4)));
    if (r.nextInt(20) == 0) b.meta("long", "v".repeat(2000));
    if (r.nextInt(5) == 0) b.priorities(List.of(Priority.values()[r.nextInt(4)]));
    if (r.nextInt(5) == 0) b.categories(List.of(Category.values()[r.nextInt(10)], Category.values()[r.nextInt(10)]));
    if (r.nextInt(5) == 0) b.minConfidence(r.nextInt(11) / 10.0);
    b.order(r.nextBoolean() ? SortOrder.ASC : SortOrder.DESC);
    b.prioritySort(r.nextInt(5) == 0);
    b.pageSize(1 + r.nextInt(r.nextBoolean() ? 5 : 60));
    b.page(1 + r.nextInt(r.nextInt(4) == 0 ? 20 : 3));
    return b.build();
  }

  private static MessageMatch message(Random r, String sample) {
    boolean cs = r.nextInt(3) == 0;
    int[] cps = sample.codePoints().toArray();
    int from = r.nextInt(cps.length);
    int len = 1 + r.nextInt(Math.min(10, cps.length - from));
    String needle = new String(cps, from, len);
    if (r.nextBoolean()) needle = r.nextBoolean() ? needle.toUpperCase() : CaseFold.fold(needle);
    if (r.nextInt(6) == 0) {
      int[] other = message(r).codePoints().toArray();
      needle = new String(other, 0, Math.min(other.length, 1 + r.nextInt(3)));
    }
    switch (r.nextInt(5)) {
      case 0:
        return MessageMatch.of(r.nextBoolean() ? sample : sample.toUpperCase(), MessageMode.EXACT, cs);
      case 1:
        return regex(r, needle, cs);
      default:
        return MessageMatch.of(needle, MessageMode.SUBSTRING, cs);
    }
  }

  private static MessageMatch regex(Random r, String needle, boolean cs) {
    String q = Pattern.quote(needle);
    String lit = needle.replaceAll("([\\\\\\[\\](){}.*+?^$|])", "\\\\$1");
    String[] templates = {
      lit, q, "^" + lit, lit + "$", lit + ".*ok", "(fix|build) " + lit, lit + "+", lit + "?x",
      "[a-z]+" + lit, "\\d" + lit, lit + "{1,2}", "(?i)" + lit, "m[13]", "m\\d+", "a\\|b",
      "key=v.lue", "(?s)line.break", "\\bfix\\b", "ſtop", "straSSe", "σ", lit + "|nothing",
    };
    String pattern = templates[r.nextInt(templates.length)];
    try {
      return MessageMatch.of(pattern, MessageMode.REGEX, cs);
    } catch (InvalidQueryException e) {
      return MessageMatch.of(needle, MessageMode.SUBSTRING, cs);
    }
  }
}
