package dev.scribe.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Literal runs every match of a Java regex must contain, for narrowing candidates with the
 * trigram index before the real pattern is tried on the stored message. Conservative by design:
 * the result is only ever a <em>necessary</em> condition; when the pattern uses anything this
 * reader does not fully understand (top-level alternation, inline flags, quoting, most escapes),
 * it returns no literals and the query scans the other filters' candidates instead.
 *
 * <p>Read at nesting depth 0 only: groups and character classes are skipped whole (they break a
 * run), {@code . ^ $} break a run, a quantifier drops the atom before it ({@code + } keeps it but
 * ends the run), and escaped punctuation is a literal. The pattern has already compiled, so it is
 * well-formed.
 */
final class RegexLiterals {
  private RegexLiterals() {}

  /** The required literal runs (unfolded), or an empty list when nothing can be promised. */
  static List<String> required(String regex) {
    try {
      return scan(regex);
    } catch (Unsure e) {
      return List.of();
    }
  }

  private static final class Unsure extends Exception {
    private static final long serialVersionUID = 1L;

    Unsure() {
      super(null, null, false, false);
    }
  }

  private static List<String> scan(String p) throws Unsure {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int lastAtomStart = -1; // index in run of the last literal atom, or -1 if the last atom was not a literal
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      switch (c) {
        case '\\': {
          if (i + 1 >= p.length()) throw new Unsure();
          char n = p.charAt(i + 1);
          if (Character.isLetterOrDigit(n)) {
            if ("dDsSwWbBAzZGhHvVRX".indexOf(n) < 0) throw new Unsure();
            flush(runs, run);
            lastAtomStart = -1;
            i += 2;
          } else {
            int cp = p.codePointAt(i + 1);
            lastAtomStart = run.length();
            run.appendCodePoint(cp);
            i += 1 + Character.charCount(cp);
          }
          break;
        }
        case '(': {
          if (i + 2 < p.length() && p.charAt(i + 1) == '?') {
            char n = p.charAt(i + 2);
            if (Character.isLetter(n) || n == '-') throw new Unsure(); // inline flags, e.g. (?x)
          }
          i = skipGroup(p, i);
          flush(runs, run);
          lastAtomStart = -1;
          break;
        }
        case '[':
          i = skipClass(p, i);
          flush(runs, run);
          lastAtomStart = -1;
          break;
        case '|':
          throw new Unsure();
        case '.':
        case '^':
        case '$':
          flush(runs, run);
          lastAtomStart = -1;
          i++;
          break;
        case '*':
        case '?':
        case '{':
        case '+': {
          // A quantifier on the previous atom.
          if (lastAtomStart >= 0) {
            if (c != '+') run.setLength(lastAtomStart);
            flush(runs, run);
          }
          lastAtomStart = -1;
          i = c == '{' ? p.indexOf('}', i) + 1 : i + 1;
          if (i <= 0) throw new Unsure();
          if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++; // lazy, possessive
          break;
        }
        default: {
          int cp = p.codePointAt(i);
          lastAtomStart = run.length();
          run.appendCodePoint(cp);
          i += Character.charCount(cp);
        }
      }
    }
    flush(runs, run);
    return runs;
  }

  private static void flush(List<String> runs, StringBuilder run) {
    if (run.length() > 0) runs.add(run.toString());
    run.setLength(0);
  }

  /** The index after the group opened at {@code open}. */
  private static int skipGroup(String p, int open) throws Unsure {
    int depth = 0;
    int i = open;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') throw new Unsure();
        i += 2;
        continue;
      }
      if (c == '[') {
        i = skipClass(p, i);
        continue;
      }
      if (c == '(') depth++;
      if (c == ')') {
        depth--;
        if (depth == 0) return i + 1;
      }
      i++;
    }
    throw new Unsure();
  }

  /** The index after the character class opened at {@code open} (classes may nest). */
  private static int skipClass(String p, int open) throws Unsure {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') i++;
    if (i < p.length() && p.charAt(i) == ']') i++; // a leading ] is literal
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') throw new Unsure();
        i += 2;
        continue;
      }
      if (c == '[') {
        i = skipClass(p, i);
        continue;
      }
      if (c == ']') return i + 1;
      i++;
    }
    throw new Unsure();
  }
}
