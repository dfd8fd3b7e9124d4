package dev.scribe.search;

import dev.scribe.domain.query.CaseFold;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The message's substring index: every code-point trigram of {@code START + fold(message) + END +
 * END}, at its offset as the token position.
 *
 * <p>Why it is exact for case-insensitive substrings: a folded needle of k ≥ 3 code points occurs
 * at offset p iff the trigrams at p, p+3, p+6, …, p+k-3 are the needle's trigrams at those
 * offsets — a {@link PhraseQuery} with those positions. A needle of 1–2 code points occurs iff some
 * trigram starts with it (the two END pads give every code point two successors) — a {@link
 * PrefixQuery}. Both hold only for needles without the pad characters; others are verified on the
 * stored message. The pads also anchor {@code exact}: the phrase of {@code START + needle + END}.
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

  /** A query for documents whose folded message contains {@code foldedNeedle} (non-empty). */
  static Query contains(String field, String foldedNeedle) {
    int[] cps = foldedNeedle.codePoints().toArray();
    if (cps.length < 3) return new PrefixQuery(new Term(field, foldedNeedle));
    return phrase(field, cps);
  }

  /** A query for documents whose folded message is exactly {@code foldedText}. */
  static Query equalTo(String field, String foldedText) {
    int[] inner = foldedText.codePoints().toArray();
    int[] cps = new int[inner.length + 2];
    cps[0] = START;
    System.arraycopy(inner, 0, cps, 1, inner.length);
    cps[cps.length - 1] = END;
    return phrase(field, cps);
  }

  /** Trigrams at offsets 0, 3, 6, … and the last one: together they cover every code point. */
  private static Query phrase(String field, int[] cps) {
    PhraseQuery.Builder b = new PhraseQuery.Builder();
    int last = cps.length - 3;
    for (int at = 0; ; at += 3) {
      int o = Math.min(at, last);
      b.add(new Term(field, gram(cps, o)), o);
      if (o == last) break;
    }
    return b.build();
  }

  static String gram(int[] cps, int offset) {
    return new String(cps, offset, 3);
  }

  /** The token stream of {@link #padded}: one trigram per position. */
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
