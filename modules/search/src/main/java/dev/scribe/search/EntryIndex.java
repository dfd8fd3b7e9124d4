package dev.scribe.search;

import static dev.scribe.search.EntryDocuments.MSG;
import static dev.scribe.search.EntryDocuments.POS;
import static dev.scribe.search.EntryDocuments.SRC;
import static java.util.Objects.requireNonNull;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.query.EntryHit;
import dev.scribe.domain.query.EntryPage;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntrySearch;
import dev.scribe.domain.query.MessageMatch;
import dev.scribe.domain.query.SearchUnavailableException;
import dev.scribe.domain.query.SortOrder;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.Projection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of every {@link EntryAppended}: a {@link Projection} that is also the {@link
 * EntrySearch} for {@code query_entries} and {@code read_recent}.
 *
 * <p><b>Schema</b>: see {@link EntryDocuments}. Filters are keyword/point queries, the message a
 * trigram index narrowing candidates that are verified on the stored message when the index alone
 * is not exact ({@link QueryPlan}); order is the log position ({@code pos} doc values), totals are
 * exact ({@link IndexSearcher#count} or the verified count), never {@code TopDocs} lower bounds.
 *
 * <p><b>Writes</b>: one {@link IndexWriter}; {@code apply} adds one document per entry (other
 * events only advance the position). <b>Checkpoint</b>: the commit user data holds the schema
 * version, the position and the event hash; a commit is atomic with it. Commits are paced: a
 * checkpoint requested within {@link IndexConfig#minCommitInterval} of the previous commit is made
 * by the background thread once the interval has passed (or on close). <b>Crash convergence</b>:
 * a commit may hold documents of events after its checkpoint (they were applied before the
 * deferred commit ran); {@link #open} deletes every document whose position is beyond the
 * checkpoint, so replay from there re-adds each exactly once. A different schema version drops the
 * index (position 0: the runner replays the log).
 *
 * <p><b>Freshness</b>: a {@link SearcherManager} is refreshed by one named background thread
 * ({@code scribe-search-refresh}) every {@link IndexConfig#refreshInterval} (1 s) when entries
 * were applied since. A refresh listener records the applied position captured just before each
 * refresh, i.e. the position the new searcher covers. {@link #search} first waits until the
 * searcher covers the caller's position: if the index has applied it, the caller refreshes at
 * once (no waiting for the timer), otherwise it waits for the apply.
 */
public final class EntryIndex implements Projection, EntrySearch {
  private static final Logger LOG = LoggerFactory.getLogger(EntryIndex.class);

  /** The projection's name (its directory and thread names). */
  public static final String NAME = "entry-index";

  /**
   * Bump when documents change shape: an index of another version is rebuilt from the log. (4 was
   * a trigram field without positions, tried and dropped: common-word queries had to verify every
   * candidate and became 5x slower; 5 has positions again.)
   */
  static final String SCHEMA_VERSION = "5";

  static final String UD_SCHEMA = "schema";
  static final String UD_POSITION = "position";
  static final String UD_HASH = "hash";

  private final IndexConfig config;
  private final LongSupplier logEnd;
  private final ReentrantLock commitLock = new ReentrantLock();
  private final Object progress = new Object();
  private volatile int waiters; // written under progress

  private volatile @Nullable Opened opened;
  private volatile long applied;
  private volatile long searchable;
  private volatile int epoch; // bumped by reset: refreshes begun before it cover nothing

  private static final long BURST = 5_000;
  private static final long BURST_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
  private long lastRefreshNanos; // refresher thread only

  // under commitLock
  private @Nullable Checkpoint pending;
  private long lastCommitNanos;

  private record Opened(
      Directory directory, IndexWriter writer, SearcherManager searchers,
      ScheduledExecutorService refresher, DocumentSink sink) {}

  /**
   * @param logEnd the log's last position (to tell catching up from following live; see {@link
   *     #tick})
   */
  public EntryIndex(IndexConfig config, LongSupplier logEnd) {
    this.config = requireNonNull(config, "config");
    this.logEnd = requireNonNull(logEnd, "logEnd");
  }

  /** An index that always refreshes at the {@link IndexConfig#refreshInterval} pace. */
  public EntryIndex(IndexConfig config) {
    this(config, () -> 0L);
  }

  public EntryIndex() {
    this(IndexConfig.defaults());
  }

  @Override
  public String name() {
    return NAME;
  }

  // ---- Projection ---------------------------------------------------------------------------

  @Override
  public Checkpoint open(Path directory) throws IOException {
    if (opened != null) throw new IllegalStateException("already open");
    // Small just-flushed segments (each background refresh cuts one) stay in RAM until merged.
    Directory dir = new NRTCachingDirectory(FSDirectory.open(directory.resolve("index")), 8, 64);
    IndexWriter writer = null;
    try {
      IndexWriterConfig iwc =
          new IndexWriterConfig()
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setRAMBufferSizeMB(config.ramBufferMb())
              .setCommitOnClose(false)
              // Rebuilds flush many segments; compound files would copy each once more.
              .setUseCompoundFile(false);
      writer = new IndexWriter(dir, iwc);
      Map<String, String> data = userData(writer);
      Checkpoint cp;
      if (!SCHEMA_VERSION.equals(data.get(UD_SCHEMA))) {
        if (!data.isEmpty() || writer.getDocStats().maxDoc > 0) {
          LOG.info("Entry index has schema {} (want {}): rebuilding it", data.get(UD_SCHEMA), SCHEMA_VERSION);
        }
        writer.deleteAll();
        commit(writer, Checkpoint.NONE);
        cp = Checkpoint.NONE;
      } else {
        cp = new Checkpoint(Long.parseLong(data.getOrDefault(UD_POSITION, "0")), data.getOrDefault(UD_HASH, ""));
        // Documents of events after the checkpoint (a deferred commit ran after they were applied)
        // are dropped: replay re-adds them exactly once.
        writer.deleteDocuments(LongPoint.newRangeQuery(POS, cp.position() + 1, Long.MAX_VALUE));
      }
      applied = cp.position();
      SearcherManager searchers = new SearcherManager(writer, true, false, null);
      searchers.addListener(new Coverage());
      searchable = cp.position();
      ScheduledExecutorService refresher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "scribe-search-refresh");
                t.setDaemon(true);
                return t;
              });
      DocumentSink sink =
          new DocumentSink(writer, config.indexThreads(), cp.position(), this::watermark);
      Opened o = new Opened(dir, writer, searchers, refresher, sink);
      commitLock.lock();
      try {
        pending = null;
        lastCommitNanos = System.nanoTime();
      } finally {
        commitLock.unlock();
      }
      opened = o;
      long every = config.refreshInterval().toNanos();
      refresher.scheduleWithFixedDelay(() -> tick(o), every, every, TimeUnit.NANOSECONDS);
      return cp;
    } catch (IOException | RuntimeException e) {
      if (writer != null) writer.rollback();
      dir.close();
      throw e;
    }
  }

  private static final java.util.Optional<java.util.Set<String>> TYPES =
      java.util.Optional.of(
          java.util.Set.of(EntryAppended.class.getSimpleName(), ProjectDeleted.class.getSimpleName()));

  /** Entries and project deletions; every other event only advances the position ({@link #skip}). */
  @Override
  public java.util.Optional<java.util.Set<String>> eventTypes() {
    return TYPES;
  }

  @Override
  public void skip(long position) throws IOException {
    requireOpen().sink().add(position, null, logEnd.getAsLong() - position > BURST);
  }

  @Override
  public void apply(RecordedEvent event) throws IOException {
    Opened o = requireOpen();
    long p = event.position();
    if (event.event() instanceof ProjectDeleted deleted) {
      // A deleted project's entries leave the index, so a project later registered under the
      // same name starts empty. The writer must hold every earlier document before the delete.
      o.sink().drain();
      o.writer().deleteDocuments(
          new Term(EntryDocuments.PROJECT, EntryDocuments.term(deleted.name())));
      o.sink().add(p, null, false);
      return;
    }
    Document doc =
        event.event() instanceof EntryAppended e ? EntryDocuments.document(p, e) : null;
    o.sink().add(p, doc, logEnd.getAsLong() - p > BURST);
  }

  /** The sink's watermark moved: every document up to {@code position} is in the writer. */
  private void watermark(long position) {
    applied = position;
    signal();
  }

  /**
   * Records the checkpoint; commits it now unless the last commit is more recent than {@link
   * IndexConfig#minCommitInterval} or documents up to it are still being added (then the
   * background thread commits it when both allow).
   */
  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    Opened o = requireOpen();
    o.sink().rethrow();
    commitLock.lock();
    try {
      pending = checkpoint;
      if (System.nanoTime() - lastCommitNanos >= config.minCommitInterval().toNanos()) {
        commitPending(o);
      }
    } finally {
      commitLock.unlock();
    }
  }

  @Override
  public void reset() throws IOException {
    Opened o = requireOpen();
    o.sink().drain();
    commitLock.lock();
    try {
      epoch++;
      pending = null;
      // One commit drops the checkpoint and the documents together.
      o.writer().deleteAll();
      commit(o.writer(), Checkpoint.NONE);
      lastCommitNanos = System.nanoTime();
      o.sink().restart();
      applied = 0;
      searchable = 0;
    } finally {
      commitLock.unlock();
    }
    o.searchers().maybeRefreshBlocking();
    signal();
  }

  @Override
  public void close() throws IOException {
    Opened o = opened;
    if (o == null) return;
    IOException drainFailure = null;
    try {
      o.sink().drain();
    } catch (IOException e) {
      drainFailure = e; // nothing more is committed: the last commit stays the checkpoint
    }
    opened = null;
    o.sink().close();
    o.refresher().shutdown();
    try {
      o.refresher().awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    commitLock.lock();
    try {
      if (pending != null && drainFailure == null) commitPending(o);
    } finally {
      commitLock.unlock();
      try {
        o.searchers().close();
        o.writer().close();
      } finally {
        o.directory().close();
        signal();
      }
    }
  }

  private Opened requireOpen() {
    Opened o = opened;
    if (o == null) throw new IllegalStateException("the entry index is not open");
    return o;
  }

  /** Commits the pending checkpoint if every document up to it is in the writer. */
  private void commitPending(Opened o) throws IOException {
    Checkpoint cp = pending;
    if (cp == null || applied < cp.position() || o.sink().failed()) return;
    commit(o.writer(), cp);
    pending = null;
    lastCommitNanos = System.nanoTime();
  }

  private static void commit(IndexWriter writer, Checkpoint cp) throws IOException {
    Map<String, String> data = new HashMap<>();
    data.put(UD_SCHEMA, SCHEMA_VERSION);
    data.put(UD_POSITION, Long.toString(cp.position()));
    data.put(UD_HASH, cp.eventHash());
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  private static Map<String, String> userData(IndexWriter writer) {
    Map<String, String> out = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) for (Map.Entry<String, String> e : live) out.put(e.getKey(), e.getValue());
    return out;
  }

  /**
   * The background thread: refresh when behind, make a deferred commit when due. While the index
   * is catching up (more than {@value #BURST} events behind the log's end: start-up, rebuild) it
   * refreshes at most every 5 s: each refresh cuts a segment, and many small segments would be
   * merged again at a cost. Readers that need a position refresh on demand
   * ({@link #awaitSearchable}), so read-your-writes does not depend on this pace.
   */
  private void tick(Opened o) {
    try {
      long a = applied;
      long now = System.nanoTime();
      boolean catchingUp = logEnd.getAsLong() - a > BURST;
      if (a > searchable && (!catchingUp || now - lastRefreshNanos >= BURST_REFRESH_NANOS)) {
        lastRefreshNanos = now;
        o.searchers().maybeRefresh();
      }
      if (commitLock.tryLock()) {
        try {
          if (pending != null
              && opened == o
              && System.nanoTime() - lastCommitNanos >= config.minCommitInterval().toNanos()) {
            commitPending(o);
          }
        } finally {
          commitLock.unlock();
        }
      }
    } catch (AlreadyClosedException e) {
      // closing
    } catch (IOException | RuntimeException e) {
      LOG.error("Entry index: background refresh/commit failed", e);
    }
  }

  /** Records what each new searcher covers: the position applied just before it was opened. */
  private final class Coverage implements ReferenceManager.RefreshListener {
    private long candidate; // under the manager's refresh lock
    private int candidateEpoch;

    @Override
    public void beforeRefresh() {
      candidateEpoch = epoch;
      candidate = applied;
    }

    @Override
    public void afterRefresh(boolean didRefresh) {
      if (candidateEpoch == epoch && candidate > searchable) searchable = candidate;
      signal();
    }
  }

  // ---- read side ----------------------------------------------------------------------------

  /** The position the current searcher covers. */
  public long searchablePosition() {
    return searchable;
  }

  /** The position of the last event applied to the writer. */
  public long appliedPosition() {
    return applied;
  }

  /**
   * Waits until a searcher covers {@code position}.
   *
   * @throws SearchUnavailableException when closed or not reached within the await timeout
   */
  public void awaitSearchable(long position) {
    long deadline = System.nanoTime() + config.awaitTimeout().toNanos();
    while (searchable < position) {
      Opened o = opened;
      if (o == null) throw new SearchUnavailableException("The entry index is closed.");
      try {
        if (applied >= position) {
          o.searchers().maybeRefreshBlocking();
          continue;
        }
        synchronized (progress) {
          waiters++;
          try {
            while (applied < position && opened == o) {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                throw new SearchUnavailableException(
                    "The entry index has applied the log up to position " + applied
                        + " but this call needs position " + position
                        + " (it may be catching up or rebuilding); retry shortly.");
              }
              TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
          } finally {
            waiters--;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SearchUnavailableException("Interrupted while waiting for the entry index.", e);
      } catch (AlreadyClosedException e) {
        throw new SearchUnavailableException("The entry index is closed.", e);
      } catch (IOException e) {
        throw new SearchUnavailableException("The entry index could not refresh: " + e, e);
      }
    }
  }

  private void signal() {
    if (waiters > 0) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  @Override
  public EntryPage search(EntryQuery query, long minPosition) {
    requireNonNull(query, "query");
    awaitSearchable(minPosition);
    Opened o = opened;
    if (o == null) throw new SearchUnavailableException("The entry index is closed.");
    IndexSearcher searcher;
    try {
      searcher = o.searchers().acquire();
    } catch (AlreadyClosedException | IOException e) {
      throw new SearchUnavailableException("The entry index is closed.", e);
    }
    try {
      return execute(searcher, query);
    } catch (IOException e) {
      throw new SearchUnavailableException("The entry index could not be read: " + e, e);
    } catch (AlreadyClosedException e) {
      throw new SearchUnavailableException("The entry index is closed.", e);
    } finally {
      try {
        o.searchers().release(searcher);
      } catch (IOException | AlreadyClosedException e) {
        LOG.debug("release after close", e);
      }
    }
  }

  /** Every entry in the index, in log order (for tests and tools; loads them all). */
  public List<EntryHit> all(long minPosition) {
    List<EntryHit> out = new ArrayList<>();
    // A query per page keeps memory and code simple; used on small indexes only.
    int page = 1;
    while (true) {
      EntryPage p =
          search(
              EntryQuery.builder(dev.scribe.domain.query.EntryScope.allProjects())
                  .page(page).pageSize(1000).build(),
              minPosition);
      out.addAll(p.entries());
      if (!p.hasNext()) return out;
      page++;
    }
  }

  static EntryPage execute(IndexSearcher searcher, EntryQuery q) throws IOException {
    QueryPlan plan = QueryPlan.of(q);
    SortField byPosition = new SortField(POS, SortField.Type.LONG, q.order() == SortOrder.DESC);
    Sort sort =
        q.prioritySort()
            ? new Sort(new SortField(EntryDocuments.PRIORITY_RANK, SortField.Type.INT), byPosition)
            : new Sort(byPosition);
    long offset = q.offset();
    long wanted = offset + q.pageSize();
    int maxDoc = Math.max(1, searcher.getIndexReader().maxDoc());
    int numHits = (int) Math.max(1, Math.min(wanted, maxDoc));
    MessageMatch verify = plan.verify();
    TopFieldDocs top;
    long total;
    if (q.message() == null) {
      // Keyword/point filters only: an exact count is cheap (often from index statistics), and the
      // top-N collector may skip non-competitive documents by the position points.
      total = searcher.count(plan.query());
      if (offset >= total) return new EntryPage(List.of(), q.page(), q.pageSize(), total);
      int n = (int) Math.min(wanted, total);
      top = searcher.search(plan.query(), new TopFieldCollectorManager(sort, n, null, n));
    } else {
      // A message query is the expensive part (positions, maybe the stored message): match once,
      // counting (and verifying, when the index is not exact) every candidate while collecting.
      Counted c =
          searcher.search(
              plan.query(),
              new CountingManager(new TopFieldCollectorManager(sort, numHits, null, Integer.MAX_VALUE), verify));
      top = c.top();
      total = c.count();
      if (offset >= total) return new EntryPage(List.of(), q.page(), q.pageSize(), total);
    }
    ScoreDoc[] docs = top.scoreDocs;
    int from = (int) offset;
    int count = Math.max(0, Math.min(docs.length - from, q.pageSize()));
    return new EntryPage(load(searcher, docs, from, count), q.page(), q.pageSize(), total);
  }

  /**
   * Loads {@code docs[from, from + count)} in that order. Doc values iterate forward only, so the
   * page is read in doc-id order, one iterator per segment, and put back in the page's order.
   */
  private static List<EntryHit> load(IndexSearcher searcher, ScoreDoc[] docs, int from, int count)
      throws IOException {
    Integer[] byDoc = new Integer[count];
    for (int i = 0; i < count; i++) byDoc[i] = from + i;
    java.util.Arrays.sort(byDoc, (x, y) -> Integer.compare(docs[x].doc, docs[y].doc));
    EntryHit[] out = new EntryHit[count];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    BinaryDocValues messages = null;
    BinaryDocValues sources = null;
    LeafReaderContext leaf = null;
    for (Integer i : byDoc) {
      int doc = docs[i].doc;
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        messages = DocValues.getBinary(leaf.reader(), MSG);
        sources = DocValues.getBinary(leaf.reader(), SRC);
      }
      int local = doc - leaf.docBase;
      if (!messages.advanceExact(local) || !sources.advanceExact(local)) {
        throw new IOException("entry document " + doc + " lacks its message or entry");
      }
      out[i - from] = EntryDocuments.decode(sources.binaryValue(), messages.binaryValue().utf8ToString());
    }
    return List.of(out);
  }

  // ---- verification of the stored message -----------------------------------------------------

  private record Counted(TopFieldDocs top, long count) {}

  /**
   * Counts every match while collecting the top N; with a message test, runs it on each
   * candidate's stored message first and passes only matches on.
   */
  private static final class CountingManager implements CollectorManager<CountingCollector, Counted> {
    private final TopFieldCollectorManager top;
    private final @Nullable MessageMatch match;

    CountingManager(TopFieldCollectorManager top, @Nullable MessageMatch match) {
      this.top = top;
      this.match = match;
    }

    @Override
    public CountingCollector newCollector() throws IOException {
      return new CountingCollector(top.newCollector(), match);
    }

    @Override
    public Counted reduce(Collection<CountingCollector> collectors) throws IOException {
      List<TopFieldCollector> inner = new ArrayList<>();
      long count = 0;
      for (CountingCollector c : collectors) {
        inner.add(c.delegate);
        count += c.count;
      }
      return new Counted(top.reduce(inner), count);
    }
  }

  private static final class CountingCollector implements Collector {
    final TopFieldCollector delegate;
    final @Nullable MessageMatch match;
    long count;

    CountingCollector(TopFieldCollector delegate, @Nullable MessageMatch match) {
      this.delegate = delegate;
      this.match = match;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      LeafCollector inner = delegate.getLeafCollector(context);
      MessageMatch m = match;
      if (m == null) {
        return new LeafCollector() { // no competitiveIterator(): every match must be counted
          @Override
          public void setScorer(Scorable scorer) throws IOException {
            inner.setScorer(scorer);
          }

          @Override
          public void collect(int doc) throws IOException {
            count++;
            inner.collect(doc);
          }
        };
      }
      BinaryDocValues messages = DocValues.getBinary(context.reader(), MSG);
      // No competitiveIterator(): every candidate must be verified and counted.
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) throws IOException {
          inner.setScorer(scorer);
        }

        @Override
        public void collect(int doc) throws IOException {
          if (messages.advanceExact(doc) && m.test(messages.binaryValue().utf8ToString())) {
            count++;
            inner.collect(doc);
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

}
