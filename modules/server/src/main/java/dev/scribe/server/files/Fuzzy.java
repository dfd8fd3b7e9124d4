package dev.scribe.server.files;

/**
 * The similarity ratio of Python's {@code difflib.SequenceMatcher(None, a, b).ratio()}: {@code
 * 2*M/T}, M the characters in the recursively found longest common blocks (Ratcliff/Obershelp).
 * Without difflib's "autojunk" heuristic, which only changes results for lines of 200+ characters.
 */
final class Fuzzy {
  private Fuzzy() {}

  static double ratio(String a, String b) {
    int total = a.length() + b.length();
    if (total == 0) return 1.0;
    return 2.0 * matches(a, 0, a.length(), b, 0, b.length()) / total;
  }

  private static int matches(String a, int alo, int ahi, String b, int blo, int bhi) {
    if (alo >= ahi || blo >= bhi) return 0;
    // longest common substring of a[alo,ahi) and b[blo,bhi), earliest in a then b (as difflib)
    int bestI = alo;
    int bestJ = blo;
    int bestK = 0;
    int m = bhi - blo;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int i = alo; i < ahi; i++) {
      for (int j = blo; j < bhi; j++) {
        // cur[j+1]: length of the common run ending at a[i] and b[j]
        int k = a.charAt(i) == b.charAt(j) ? prev[j - blo] + 1 : 0;
        cur[j - blo + 1] = k;
        if (k > bestK) {
          bestK = k;
          bestI = i - k + 1;
          bestJ = j - k + 1;
        }
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    if (bestK == 0) return 0;
    return bestK
        + matches(a, alo, bestI, b, blo, bestJ)
        + matches(a, bestI + bestK, ahi, b, bestJ + bestK, bhi);
  }

}
