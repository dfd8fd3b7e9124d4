package dev.scribe.projections;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.SessionClosed;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sample pure fold: entries per project and the current binding of each session. Deleting a
 * project drops its count and the bindings to it.
 */
record EntryCounts(SortedMap<String, Long> entries, SortedMap<String, String> bindings) {
  static final EntryCounts EMPTY = new EntryCounts(new TreeMap<>(), new TreeMap<>());

  EntryCounts {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    bindings = Collections.unmodifiableSortedMap(new TreeMap<>(bindings));
  }

  static Fold<EntryCounts> fold() {
    return Fold.startingWith(EMPTY)
        .on(EntryAppended.class, (s, e) -> s.withEntry(e.project()))
        .on(ProjectBound.class, (s, e) -> s.withBinding(e.sessionId(), e.project()))
        .on(SessionClosed.class, (s, e) -> s.withoutSession(e.sessionId()))
        .on(ProjectDeleted.class, (s, e) -> s.withoutProject(e.name()))
        .build();
  }

  EntryCounts withEntry(String project) {
    TreeMap<String, Long> e = new TreeMap<>(entries);
    e.merge(project, 1L, Long::sum);
    return new EntryCounts(e, bindings);
  }

  EntryCounts withBinding(String session, String project) {
    TreeMap<String, String> b = new TreeMap<>(bindings);
    b.put(session, project);
    return new EntryCounts(entries, b);
  }

  EntryCounts withoutSession(String session) {
    TreeMap<String, String> b = new TreeMap<>(bindings);
    b.remove(session);
    return new EntryCounts(entries, b);
  }

  EntryCounts withoutProject(String project) {
    TreeMap<String, Long> e = new TreeMap<>(entries);
    e.remove(project);
    TreeMap<String, String> b = new TreeMap<>(bindings);
    b.values().removeIf(project::equals);
    return new EntryCounts(e, b);
  }

  /** A line-based snapshot codec: {@code e\tproject\tcount} and {@code b\tsession\tproject}. */
  static final StateCodec<EntryCounts> CODEC =
      new StateCodec<>() {
        @Override
        public byte[] encode(EntryCounts s) {
          StringBuilder out = new StringBuilder();
          s.entries()
              .forEach((p, n) -> out.append("e\t").append(p).append('\t').append(n).append('\n'));
          s.bindings()
              .forEach((k, p) -> out.append("b\t").append(k).append('\t').append(p).append('\n'));
          return out.toString().getBytes(UTF_8);
        }

        @Override
        public EntryCounts decode(byte[] bytes) {
          TreeMap<String, Long> e = new TreeMap<>();
          TreeMap<String, String> b = new TreeMap<>();
          for (String line : new String(bytes, UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 3) throw new IllegalArgumentException("bad snapshot line: " + line);
            switch (f[0]) {
              case "e" -> e.put(f[1], Long.parseLong(f[2]));
              case "b" -> b.put(f[1], f[2]);
              default -> throw new IllegalArgumentException("bad snapshot line: " + line);
            }
          }
          return new EntryCounts(e, b);
        }
      };
}
