package dev.scribe.domain.query;

/**
 * The case folding every case-insensitive comparison uses: per code point, {@code
 * toLowerCase(toUpperCase(cp))} — the rule {@link java.util.regex.Pattern} applies with {@code
 * CASE_INSENSITIVE | UNICODE_CASE}. It is context-free and maps one code point to one, so "A
 * contains B" implies "fold(A) contains fold(B)"; the search index relies on that to narrow
 * candidates without ever losing a match (unlike {@link String#toLowerCase}, whose Greek final
 * sigma rule depends on context).
 */
public final class CaseFold {
  private CaseFold() {}

  public static int fold(int codePoint) {
    return Character.toLowerCase(Character.toUpperCase(codePoint));
  }

  public static String fold(String s) {
    StringBuilder out = null;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int f = fold(cp);
      if (f != cp && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
      if (out != null) out.appendCodePoint(f);
      i += Character.charCount(cp);
    }
    return out == null ? s : out.toString();
  }
}
