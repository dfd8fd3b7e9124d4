package dev.scribe.projections;

import dev.scribe.projections.TestLog.Placed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but realistic histories: sessions open, register and bind projects, append entries to the
 * project they are bound to, call tools, delete projects (re-registering a name later) and close.
 * Batches are what one tool call appends atomically.
 */
final class RandomHistory {
  private static final String[] PROJECTS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  private RandomHistory() {}

  static List<List<Placed>> generate(Random rnd, int events) {
    List<List<Placed>> batches = new ArrayList<>();
    List<String> open = new ArrayList<>();
    List<String> registered = new ArrayList<>();
    java.util.Map<String, String> bound = new java.util.HashMap<>();
    int sessions = 0;
    int entries = 0;
    int total = 0;
    while (total < events) {
      List<Placed> batch = new ArrayList<>();
      int roll = rnd.nextInt(100);
      if (open.isEmpty() || roll < 8) {
        String s = "sess-" + (++sessions);
        open.add(s);
        batch.add(TestLog.sessionOpened(s));
      } else {
        String s = open.get(rnd.nextInt(open.size()));
        String project = bound.get(s);
        if (roll < 20 || project == null) {
          String p = PROJECTS[rnd.nextInt(PROJECTS.length)];
          batch.add(TestLog.toolInvoked(s, "set_project"));
          if (!registered.contains(p)) {
            registered.add(p);
            batch.add(TestLog.registered(s, p));
          }
          batch.add(TestLog.bound(s, p));
          bound.put(s, p);
        } else if (roll < 80) {
          int n = 1 + rnd.nextInt(3);
          batch.add(TestLog.toolInvoked(s, "append_entry"));
          for (int i = 0; i < n; i++) {
            entries++;
            batch.add(
                TestLog.entry(
                    s,
                    project,
                    "entry-" + entries,
                    "step "
                        + entries
                        + (rnd.nextInt(10) == 0 ? "\nwith a second line | and a pipe" : "")));
          }
        } else if (roll < 85) {
          batch.add(TestLog.toolInvoked(s, "read_recent"));
        } else if (roll < 90 && registered.contains(project)) {
          batch.add(TestLog.toolInvoked(s, "delete_project"));
          batch.add(TestLog.deleted(s, project));
          registered.remove(project);
          bound.values().removeIf(project::equals);
        } else if (roll < 95 && open.size() > 1) {
          batch.add(TestLog.sessionClosed(s));
          open.remove(s);
          bound.remove(s);
        } else {
          batch.add(TestLog.toolInvoked(s, "health_check"));
        }
      }
      total += batch.size();
      batches.add(batch);
    }
    return batches;
  }
}
