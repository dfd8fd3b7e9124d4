package dev.scribe.search;

import dev.scribe.domain.query.CaseFold;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The message's substring index: the set of code-point trigrams of {@code START + fold(message) +
 * END + END}, indexed as plain terms (documents only: no positions, no frequencies — positions were
 * most of the indexing, merging and disk cost of the field).
 *
 * <p>What the index answers: a folded needle of k ≥ 3 code points can occur in a message only if
 * every trigram of the needle is among the message's trigrams — a conjunction of term queries,
 * which narrows candidates that are then verified on the stored message (exact already for k = 3:
 * one trigram). A needle of 1–2 code points occurs iff some trigram starts with it (the two END
 * pads give every code point two successors) — a {@link PrefixQuery}, exact. Both hold only for
 * needles without the pad characters; others are verified. The pads also narrow {@code exact}:
 * the trigrams of {@code START + needle + END}.
 */
final class Trigrams {
  static final char START = '\u0002';
  static final char END = '\u0003';

  private Trigrams() {}

  /** The text whose trigrams are indexed for {@code message}. */
  static int[] padded(String message) {
    String f = CaseFold.fold(message);
    int[] cps = new int[f.codePointCount(0, f.length()) + 3];
    cps[0] = START;
    int i = 1;
    for (int off = 0; off < f.length(); ) {
      int cp = f.codePointAt(off);
      cps[i++] = cp;
      off += Character.charCount(cp);
    }
    cps[i++] = END;
    cps[i] = END;
    return cps;
  }

  /** Whether a needle's index query is exact (no pad characters in it). */
  static boolean padFree(String s) {
    return s.indexOf(START) < 0 && s.indexOf(END) < 0;
  }

  /**
   * A query for documents whose folded message may contain {@code foldedNeedle} (non-empty):
   * exactly those when {@link #containsIsExact}, otherwise a superset to verify.
   */
  static Query contains(String field, String foldedNeedle) {
    int[] cps = foldedNeedle.codePoints().toArray();
    if (cps.length < 3) return new PrefixQuery(new Term(field, foldedNeedle));
    return allOf(field, cps);
  }

  /** Whether {@link #contains} matches exactly the messages containing the needle. */
  static boolean containsIsExact(String foldedNeedle) {
    return padFree(foldedNeedle) && foldedNeedle.codePointCount(0, foldedNeedle.length()) <= 3;
  }

  /** A query for documents whose folded message may be {@code foldedText} (to verify). */
  static Query equalTo(String field, String foldedText) {
    int[] inner = foldedText.codePoints().toArray();
    int[] cps = new int[inner.length + 2];
    cps[0] = START;
    System.arraycopy(inner, 0, cps, 1, inner.length);
    cps[cps.length - 1] = END;
    return allOf(field, cps);
  }

  /** At most this many trigram clauses per needle: a long needle is verified anyway. */
  static final int MAX_CLAUSES = 16;

  /**
   * Documents holding the needle's distinct trigrams (all of them, or {@value #MAX_CLAUSES}
   * spread over it, first and last included, for a long needle). More clauses narrow better; a
   * conjunction costs about its rarest clause.
   */
  private static Query allOf(String field, int[] cps) {
    int grams = cps.length - 2;
    java.util.LinkedHashSet<String> terms = new java.util.LinkedHashSet<>();
    if (grams <= MAX_CLAUSES) {
      for (int o = 0; o < grams; o++) terms.add(gram(cps, o));
    } else {
      for (int i = 0; i < MAX_CLAUSES; i++) {
        terms.add(gram(cps, (int) ((long) i * (grams - 1) / (MAX_CLAUSES - 1))));
      }
    }
    if (terms.size() == 1) return new TermQuery(new Term(field, terms.iterator().next()));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) b.add(new TermQuery(new Term(field, t)), Occur.FILTER);
    return b.build();
  }

  static String gram(int[] cps, int offset) {
    return new String(cps, offset, 3);
  }

  /** The token stream of {@link #padded}: each trigram, in order (repeats included). */
  static TokenStream stream(String message) {
    return new GramStream(padded(message));
  }

  /** For tests: the grams of a message, in position order. */
  static List<String> grams(String message) {
    int[] cps = padded(message);
    String[] out = new String[cps.length - 2];
    for (int i = 0; i < out.length; i++) out[i] = gram(cps, i);
    return List.of(out);
  }

  /**
   * Hands Lucene each trigram's UTF-8 bytes directly (a slice of the message's bytes), skipping a
   * per-token char-to-UTF-8 conversion: the trigram field is most of the indexing work.
   */
  private static final class GramStream extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final byte[] utf8;
    private final int[] offsets; // byte offset of each code point, plus the end
    private final BytesRef slice;
    private int next;

    GramStream(int[] cps) {
      offsets = new int[cps.length + 1];
      int bytes = 0;
      for (int i = 0; i < cps.length; i++) {
        offsets[i] = bytes;
        bytes += utf8Length(cps[i]);
      }
      offsets[cps.length] = bytes;
      utf8 = new byte[bytes];
      int at = 0;
      for (int cp : cps) at = encode(cp, utf8, at);
      slice = new BytesRef(utf8, 0, 0);
    }

    @Override
    public boolean incrementToken() {
      if (next + 3 >= offsets.length) return false;
      clearAttributes();
      slice.offset = offsets[next];
      slice.length = offsets[next + 3] - offsets[next];
      term.setBytesRef(slice);
      next++;
      return true;
    }

    @Override
    public void reset() throws java.io.IOException {
      super.reset();
      next = 0;
    }
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3;
    return 4;
  }

  /** UTF-8 of one code point; an unpaired surrogate becomes U+FFFD, as Lucene would write it. */
  private static int encode(int cp, byte[] out, int at) {
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) cp = 0xFFFD;
    if (cp < 0x80) {
      out[at] = (byte) cp;
      return at + 1;
    }
    if (cp < 0x800) {
      out[at] = (byte) (0xC0 | (cp >> 6));
      out[at + 1] = (byte) (0x80 | (cp & 0x3F));
      return at + 2;
    }
    if (cp < 0x10000) {
      out[at] = (byte) (0xE0 | (cp >> 12));
      out[at + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[at + 2] = (byte) (0x80 | (cp & 0x3F));
      return at + 3;
    }
    out[at] = (byte) (0xF0 | (cp >> 18));
    out[at + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
    out[at + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
    out[at + 3] = (byte) (0x80 | (cp & 0x3F));
    return at + 4;
  }
}
