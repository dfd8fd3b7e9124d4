package dev.scribe.search;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryQuery;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The index schema: how an {@link EntryAppended} becomes a Lucene document, and back.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>kind</th><th>serves</th></tr>
 *   <tr><td>{@code pos}</td><td>LongPoint + NumericDocValues</td><td>log order sort (the points
 *       let Lucene skip non-competitive documents for top-N in both directions)</td></tr>
 *   <tr><td>{@code project, emoji, agent}</td><td>StringField (keyword)</td><td>scope, emoji/status,
 *       agents</td></tr>
 *   <tr><td>{@code priority, category}</td><td>StringField of the recognised wire name</td>
 *       <td>priority, category</td></tr>
 *   <tr><td>{@code prank}</td><td>NumericDocValues</td><td>priority_sort</td></tr>
 *   <tr><td>{@code meta}</td><td>StringField {@code key NUL value}, one per pair</td><td>meta_filters
 *       (exact)</td></tr>
 *   <tr><td>{@code ts}</td><td>LongPoint (claimed epoch ms)</td><td>start/end</td></tr>
 *   <tr><td>{@code conf}</td><td>DoublePoint</td><td>min_confidence</td></tr>
 *   <tr><td>{@code tri}</td><td>trigrams with positions ({@link Trigrams})</td><td>message
 *       narrowing, exact for case-insensitive substrings</td></tr>
 *   <tr><td>{@code msg}</td><td>BinaryDocValues (UTF-8)</td><td>the message: verification of
 *       regex / case-sensitive / exact matches reads it in doc order (doc values decompress a block
 *       once per scan; stored fields would decompress per document), and the page</td></tr>
 *   <tr><td>{@code src}</td><td>BinaryDocValues</td><td>the rest of the entry, to answer without
 *       the log (doc values: a page of neighbouring documents decompresses a few shared blocks,
 *       where stored fields decompress per document)</td></tr>
 * </table>
 *
 * Keyword values longer than {@value #MAX_TERM_BYTES} UTF-8 bytes are indexed as a SHA-256 form
 * (Lucene's term limit is 32766 bytes); queries apply the same {@link #term} mapping.
 */
final class EntryDocuments {
  static final String POS = "pos";
  static final String PROJECT = "project";
  static final String EMOJI = "emoji";
  static final String AGENT = "agent";
  static final String PRIORITY = "priority";
  static final String PRIORITY_RANK = "prank";
  static final String CATEGORY = "category";
  static final String META = "meta";
  static final String TS = "ts";
  static final String CONF = "conf";
  static final String TRI = "tri";
  static final String MSG = "msg";
  static final String SRC = "src";

  static final int MAX_TERM_BYTES = 1024;
  private static final byte FORMAT = 1;

  static final FieldType TRIGRAMS = new FieldType();

  static {
    TRIGRAMS.setTokenized(true);
    TRIGRAMS.setOmitNorms(true);
    TRIGRAMS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    TRIGRAMS.freeze();
  }

  private EntryDocuments() {}

  /** The keyword term for {@code value}: itself, or a hash form when too long for a term. */
  static String term(String value) {
    if (value.length() * 3 <= MAX_TERM_BYTES
        || value.getBytes(StandardCharsets.UTF_8).length <= MAX_TERM_BYTES) {
      return value;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "\u0000sha256:" + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String metaTerm(String key, String value) {
    return term(key + '\u0000' + value);
  }

  /** Normalises a confidence for {@link DoublePoint} ({@code -0.0} sorts below {@code 0.0} there). */
  static double confidence(double c) {
    return c == 0.0 ? 0.0 : c;
  }

  static Document document(long position, EntryAppended e) {
    Document d = new Document();
    d.add(new BinaryDocValuesField(MSG, new BytesRef(e.message())));
    d.add(new BinaryDocValuesField(SRC, new BytesRef(encode(position, e))));
    d.add(new LongPoint(POS, position));
    d.add(new NumericDocValuesField(POS, position));
    d.add(new StringField(PROJECT, term(e.project()), Field.Store.NO));
    d.add(new StringField(EMOJI, term(e.emoji()), Field.Store.NO));
    d.add(new StringField(AGENT, term(e.agent()), Field.Store.NO));
    Priority.parse(e.priority())
        .ifPresent(p -> d.add(new StringField(PRIORITY, p.wireName(), Field.Store.NO)));
    d.add(new NumericDocValuesField(PRIORITY_RANK, EntryQuery.priorityRank(e.priority())));
    String category = e.category();
    if (category != null) {
      Category.parse(category)
          .ifPresent(c -> d.add(new StringField(CATEGORY, c.wireName(), Field.Store.NO)));
    }
    for (MetaPair p : e.meta()) {
      d.add(new StringField(META, metaTerm(p.key(), p.value()), Field.Store.NO));
    }
    d.add(new LongPoint(TS, e.timestampMillis()));
    Double conf = e.confidence();
    if (conf != null) d.add(new DoublePoint(CONF, confidence(conf)));
    d.add(new Field(TRI, Trigrams.stream(e.message()), TRIGRAMS));
    return d;
  }

  // ---- stored payload: everything but the message ------------------------------------------

  static byte[] encode(long position, EntryAppended e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(position);
      str(out, e.entryId());
      str(out, e.project());
      str(out, e.logType());
      list(out, e.teeLogTypes());
      str(out, e.timestamp());
      out.writeLong(e.timestampMillis());
      str(out, e.emoji());
      opt(out, e.status());
      str(out, e.agent());
      out.writeInt(e.meta().size());
      for (MetaPair p : e.meta()) {
        str(out, p.key());
        str(out, p.value());
      }
      str(out, e.priority());
      opt(out, e.category());
      list(out, e.tags());
      Double c = e.confidence();
      out.writeBoolean(c != null);
      if (c != null) out.writeDouble(c);
      str(out, e.contentSha256());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  static EntryHit decode(BytesRef src, String message) {
    try (DataInputStream in =
        new DataInputStream(new java.io.ByteArrayInputStream(src.bytes, src.offset, src.length))) {
      byte format = in.readByte();
      if (format != FORMAT) throw new IllegalStateException("unknown stored entry format " + format);
      long position = in.readLong();
      String entryId = str(in);
      String project = str(in);
      String logType = str(in);
      List<String> tee = list(in);
      String timestamp = str(in);
      long millis = in.readLong();
      String emoji = str(in);
      String status = opt(in);
      String agent = str(in);
      int n = in.readInt();
      List<MetaPair> meta = new ArrayList<>(n);
      for (int i = 0; i < n; i++) meta.add(new MetaPair(str(in), str(in)));
      String priority = str(in);
      String category = opt(in);
      List<String> tags = list(in);
      Double confidence = in.readBoolean() ? in.readDouble() : null;
      String sha = str(in);
      return new EntryHit(
          position,
          new EntryAppended(
              entryId, project, logType, tee, timestamp, millis, emoji, status, agent, message,
              meta, priority, category, tags, confidence, sha));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void opt(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) str(out, s);
  }

  private static @Nullable String opt(DataInputStream in) throws IOException {
    return in.readBoolean() ? str(in) : null;
  }

  private static void list(DataOutputStream out, List<String> l) throws IOException {
    out.writeInt(l.size());
    for (String s : l) str(out, s);
  }

  private static List<String> list(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(str(in));
    return out;
  }
}
