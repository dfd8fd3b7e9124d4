package dev.scribe.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.Projection;
import dev.scribe.projections.sentinel.CaseRefs;
import dev.scribe.projections.sentinel.SentinelLine;
import dev.scribe.projections.sentinel.SentinelLines;
import dev.scribe.projections.sentinel.SentinelSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The sentinel events of every repository in a Lucene index: one document per sentinel line
 * ({@link SentinelLines}, the same rendering as the daily files), with keyword fields for each
 * filter of the sentinel search and the line itself stored. A separate index from the entries'
 * (other documents, other fields, other lifecycle), with the same contract: the checkpoint is the
 * commit's user data (with the case refs the lines of fix links need), documents after it are
 * dropped on open and re-added by the replay.
 */
public final class SentinelIndex implements Projection, SentinelSearch {
  public static final String NAME = "sentinel-index";
  static final String SCHEMA_VERSION = "1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String POS = "position";
  private static final String REPO = "repo";
  private static final String DAY = "day";
  private static final String TIME = "time";
  private static final String EXEC = "exec";
  private static final String AGENT = "agent";
  private static final String INTENT = "intent";
  private static final String CASE = "case";
  private static final String PROJECT = "project";
  private static final String PATH = "path";
  private static final String TYPE = "type";
  private static final String LINE = "line";

  private record Opened(Directory directory, IndexWriter writer, SearcherManager searchers) {}

  private volatile @Nullable Opened opened;
  private final CaseRefs cases = new CaseRefs();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Checkpoint open(Path directory) throws IOException {
    Directory dir = FSDirectory.open(directory.resolve("index"));
    IndexWriter writer = new IndexWriter(dir,
        new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(false));
    try {
      Map<String, String> data = new HashMap<>();
      if (DirectoryReader.indexExists(dir)) {
        for (Map.Entry<String, String> e : writer.getLiveCommitData()) data.put(e.getKey(), e.getValue());
      }
      cases.clear();
      Checkpoint cp;
      if (!SCHEMA_VERSION.equals(data.get("schema"))) {
        writer.deleteAll();
        commit(writer, Checkpoint.NONE);
        cp = Checkpoint.NONE;
      } else {
        cp = new Checkpoint(Long.parseLong(data.getOrDefault("position", "0")), data.getOrDefault("hash", ""));
        readCases(data.getOrDefault("cases", "{}"));
        writer.deleteDocuments(LongPoint.newRangeQuery(POS, cp.position() + 1, Long.MAX_VALUE));
      }
      opened = new Opened(dir, writer, new SearcherManager(writer, true, false, null));
      return cp;
    } catch (IOException | RuntimeException e) {
      writer.rollback();
      dir.close();
      throw e;
    }
  }

  @Override
  public java.util.Optional<java.util.Set<String>> eventTypes() {
    return SentinelLines.EVENT_TYPES;
  }

  @Override
  public void apply(RecordedEvent event) throws IOException {
    Optional<SentinelLine> line = SentinelLines.render(event, cases);
    if (line.isEmpty()) return;
    requireOpen().writer().addDocument(document(line.get()));
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    commit(requireOpen().writer(), checkpoint);
  }

  @Override
  public void reset() throws IOException {
    Opened o = requireOpen();
    o.writer().deleteAll();
    cases.clear();
    commit(o.writer(), Checkpoint.NONE);
    o.searchers().maybeRefreshBlocking();
  }

  @Override
  public void close() throws IOException {
    Opened o = opened;
    if (o == null) return;
    opened = null;
    o.searchers().close();
    o.writer().rollback();
    o.directory().close();
  }

  private void commit(IndexWriter writer, Checkpoint cp) throws IOException {
    Map<String, String> ud = new LinkedHashMap<>();
    ud.put("schema", SCHEMA_VERSION);
    ud.put("position", Long.toString(cp.position()));
    ud.put("hash", cp.eventHash());
    ud.put("cases", writeCases());
    writer.setLiveCommitData(ud.entrySet());
    writer.commit();
  }

  private String writeCases() {
    ObjectNode root = JSON.createObjectNode();
    cases.all().forEach((stream, ref) -> root.putObject(stream).put("caseId", ref.caseId())
        .put("kind", ref.kind().wire()).put("repoRoot", ref.repoRoot()).put("repoId", ref.repoId()));
    return root.toString();
  }

  private void readCases(String json) throws IOException {
    Map<String, CaseRefs.Ref> refs = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(json).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      refs.put(e.getKey(), new CaseRefs.Ref(r.path("caseId").asText(),
          CaseKind.fromWire(r.path("kind").asText()).orElseThrow(), r.path("repoRoot").asText(), r.path("repoId").asText()));
    }
    cases.putAll(refs);
  }

  private static Document document(SentinelLine l) {
    Document d = new Document();
    d.add(new LongPoint(POS, l.position()));
    d.add(new NumericDocValuesField(POS, l.position()));
    d.add(new StoredField(POS, l.position()));
    d.add(new StringField(REPO, l.repoRoot(), Field.Store.NO));
    d.add(new StringField(DAY, l.day(), Field.Store.NO));
    parseTime(l.timestampUtc()).ifPresent(t -> d.add(new LongPoint(TIME, t)));
    d.add(new StringField(EXEC, l.executionId(), Field.Store.NO));
    d.add(new StringField(AGENT, l.agentInstanceId(), Field.Store.NO));
    if (l.agentDisplayName() != null) d.add(new StringField(AGENT, l.agentDisplayName(), Field.Store.NO));
    d.add(new StringField(INTENT, l.intent(), Field.Store.NO));
    if (l.caseId() != null) d.add(new StringField(CASE, l.caseId(), Field.Store.NO));
    JsonNode dataCase = l.json().path("data").path("case_id");
    if (dataCase.isTextual() && !dataCase.textValue().equals(l.caseId())) {
      d.add(new StringField(CASE, dataCase.textValue(), Field.Store.NO));
    }
    for (String p : l.affectedProjects()) d.add(new StringField(PROJECT, p, Field.Store.NO));
    for (String p : l.paths()) d.add(new StringField(PATH, p, Field.Store.NO));
    d.add(new StringField(TYPE, l.eventType(), Field.Store.NO));
    d.add(new StoredField(LINE, l.jsonLine()));
    return d;
  }

  /** Micros since the epoch of an ISO-8601 time with offset; empty if it is not one. */
  static Optional<Long> parseTime(String iso) {
    try {
      var i = OffsetDateTime.parse(iso).toInstant();
      return Optional.of(i.getEpochSecond() * 1_000_000 + i.getNano() / 1000);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // ---- search ---------------------------------------------------------------------------------

  @Override
  public Page search(SentinelSearch.Query q, long minPosition) {
    Opened o = requireOpen();
    try {
      o.searchers().maybeRefreshBlocking();
      IndexSearcher s = o.searchers().acquire();
      try {
        org.apache.lucene.search.Query query = query(q);
        long total = s.count(query);
        int want = (int) Math.min(Integer.MAX_VALUE, (long) q.page() * q.pageSize());
        if (want <= 0 || total == 0) return new Page(List.of(), total);
        Sort sort = new Sort(new SortField(POS, SortField.Type.LONG, q.descending()));
        TopDocs top = s.search(query, want, sort);
        List<Hit> hits = new ArrayList<>();
        int from = (q.page() - 1) * q.pageSize();
        var fields = s.storedFields();
        for (int i = from; i < top.scoreDocs.length; i++) {
          ScoreDoc sd = top.scoreDocs[i];
          Document doc = fields.document(sd.doc);
          hits.add(new Hit(doc.getField(POS).numericValue().longValue(), doc.get(LINE)));
        }
        return new Page(hits, total);
      } finally {
        o.searchers().release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static org.apache.lucene.search.Query query(SentinelSearch.Query q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    b.add(new TermQuery(new Term(REPO, q.repoRoot())), BooleanClause.Occur.FILTER);
    if (q.dayFrom() != null || q.dayTo() != null) {
      b.add(TermRangeQuery.newStringRange(DAY, q.dayFrom(), q.dayTo(), true, true), BooleanClause.Occur.FILTER);
    }
    if (q.from() != null || q.to() != null) {
      long lo = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() * 1_000_000 + q.from().getNano() / 1000;
      long hi = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() * 1_000_000 + q.to().getNano() / 1000;
      b.add(LongPoint.newRangeQuery(TIME, lo, hi), BooleanClause.Occur.FILTER);
    }
    anyOf(b, EXEC, q.executionIds(), false);
    anyOf(b, AGENT, q.agents(), false);
    anyOf(b, INTENT, q.intents(), false);
    anyOf(b, CASE, q.caseIds(), false);
    anyOf(b, PROJECT, q.projects(), false);
    anyOf(b, PATH, q.paths(), true);
    anyOf(b, TYPE, q.eventTypes(), false);
    return b.build();
  }

  private static void anyOf(BooleanQuery.Builder b, String field, List<String> values, boolean prefixes) {
    if (values.isEmpty()) return;
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String v : values) {
      any.add(prefixes && v.endsWith("/") ? new PrefixQuery(new Term(field, v)) : new TermQuery(new Term(field, v)),
          BooleanClause.Occur.SHOULD);
    }
    any.setMinimumNumberShouldMatch(1);
    b.add(any.build(), BooleanClause.Occur.FILTER);
  }

  private Opened requireOpen() {
    Opened o = opened;
    if (o == null) throw new IllegalStateException(NAME + " is not open");
    return o;
  }
}
