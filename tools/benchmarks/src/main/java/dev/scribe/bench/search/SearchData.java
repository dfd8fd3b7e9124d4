package dev.scribe.bench.search;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, work-log-like corpus: 20 projects (Zipf-sized: the largest holds ~28 %), 12
 * agents, the six statuses, 1–3 meta pairs, times over a year in log order, and messages of 8–25
 * words drawn Zipf(1.07) from a 5,000-word pseudo-vocabulary plus file names and numbers (~130
 * characters on average). Word ranks are exposed so queries can pick common or rarer words.
 */
final class SearchData {
  static final int PROJECTS = 20;
  static final int VOCABULARY = 5000;
  static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  private static final String[] SYLLABLES = {
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "su",
    "ta", "ve", "wi", "xo", "yu", "za", "tor", "lin", "mek", "sta", "dro", "pla", "gre", "son"
  };
  static final String[] AGENTS = {
    "Claude", "Codex", "Reviewer", "Planner", "Tester", "Coder-1", "Coder-2", "Coder-3", "Scribe",
    "Bot", "Ops", "Docs"
  };

  private static final String SHA = "0".repeat(64);
  private static final String[] PROJECT_NAMES = new String[PROJECTS];

  static {
    for (int i = 0; i < PROJECTS; i++) PROJECT_NAMES[i] = project(i);
  }

  private static String id(long i) {
    String h = Long.toHexString(i);
    return "0".repeat(32 - h.length()) + h;
  }

  final String[] words = new String[VOCABULARY];
  private final double[] wordCdf = new double[VOCABULARY];
  private final double[] projectCdf = new double[PROJECTS];
  private final Random r;

  SearchData(long seed) {
    r = new Random(seed);
    Random w = new Random(42);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < VOCABULARY; i++) {
      String s;
      do {
        StringBuilder b = new StringBuilder();
        int n = 1 + w.nextInt(3);
        for (int k = 0; k < n; k++) b.append(SYLLABLES[w.nextInt(SYLLABLES.length)]);
        s = b.toString();
      } while (!seen.add(s));
      words[i] = s;
    }
    cdf(wordCdf, 1.07);
    cdf(projectCdf, 1.0);
  }

  private static void cdf(double[] out, double s) {
    double sum = 0;
    for (int i = 0; i < out.length; i++) sum += 1 / Math.pow(i + 1, s);
    double acc = 0;
    for (int i = 0; i < out.length; i++) {
      acc += 1 / Math.pow(i + 1, s) / sum;
      out[i] = acc;
    }
  }

  private static int sample(double[] cdf, double u) {
    int i = java.util.Arrays.binarySearch(cdf, u);
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }

  static String project(int i) {
    return "project-" + i;
  }

  int randomProject(Random rnd) {
    return sample(projectCdf, rnd.nextDouble());
  }

  String message(Random rnd) {
    int n = 8 + rnd.nextInt(18);
    StringBuilder b = new StringBuilder(160);
    for (int i = 0; i < n; i++) {
      if (i > 0) b.append(' ');
      int k = rnd.nextInt(20);
      if (k == 0) b.append("Foo").append(rnd.nextInt(500)).append(".java");
      else if (k == 1) b.append(rnd.nextInt(10_000));
      else b.append(words[sample(wordCdf, rnd.nextDouble())]);
    }
    if (rnd.nextInt(3) == 0) b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }

  EntryAppended entry(long i) {
    Status status = Status.values()[r.nextInt(Status.values().length)];
    long millis = T0 + i * 30_000 + r.nextInt(30_000);
    List<MetaPair> meta = new ArrayList<>(6);
    int pairs = 1 + r.nextInt(3);
    for (int k = 0; k < pairs; k++) {
      meta.add(new MetaPair(k == 0 ? "component" : k == 1 ? "phase" : "ticket", "v" + r.nextInt(k == 2 ? 5000 : 20)));
    }
    Priority priority = r.nextInt(4) == 0 ? Priority.values()[r.nextInt(4)] : status.inferredPriority();
    String category = r.nextInt(2) == 0 ? null : Category.values()[r.nextInt(10)].wireName();
    Double confidence = r.nextInt(2) == 0 ? null : r.nextInt(101) / 100.0;
    meta.add(new MetaPair("priority", priority.wireName()));
    meta.add(new MetaPair("log_type", "progress"));
    meta.add(new MetaPair("content_type", "log"));
    return new EntryAppended(
        id(i), PROJECT_NAMES[randomProject(r)], "progress", List.of(),
        Timestamps.format(Instant.ofEpochMilli(millis)), millis, status.emoji(), status.wireName(),
        AGENTS[r.nextInt(AGENTS.length)], message(r), meta, priority.wireName(), category,
        List.of(), confidence, SHA);
  }
}
