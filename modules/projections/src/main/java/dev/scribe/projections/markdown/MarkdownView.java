package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.entry.LogType;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.rotation.Segment;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.CheckpointFile;
import dev.scribe.projections.CorruptCheckpointException;
import dev.scribe.projections.Projection;
import dev.scribe.projections.sentinel.ReadProvenance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Markdown view: renders every project's logs into files in its repository — {@code
 * <docs_dir>/PROGRESS_LOG.md} (or the project's own progress log path), {@code BUG_LOG.md}, {@code
 * SECURITY_LOG.md}, {@code DOC_LOG.md} and the repository-wide {@code <root>/docs/GLOBAL_PROGRESS_LOG.md}
 * — as a template header ({@link LogTemplates}) followed by one line per entry in log order ({@link
 * EntryLines}). A {@link LogRotated} closes the current segment into its archive and starts a fresh
 * file whose header names the archive.
 *
 * <p><b>Files it did not write.</b> A file at one of its paths without the view's marker line (a
 * legacy Python log, a hand-made file) is moved aside once to {@code <name>.pre-scribe.md} and never
 * clobbered; a file with the marker is the view's own and is rewritten on replay.
 *
 * <p><b>Segments.</b> For each file the view keeps the size, a running SHA-256 and the entry count
 * of the bytes written since the last rotation, plus every project's rotation chain and the version
 * of each {@code project-<name>} stream it has applied; {@link #current} reports them for rotation
 * decisions.
 *
 * <p><b>Checkpoint.</b> The checkpoint's state holds, per file, its length, SHA-256 and entry count
 * (plus projects, chains, stream versions and archive paths). {@link #checkpoint} fsyncs the files
 * first, then writes the checkpoint atomically. {@link #open} checks each file's first {@code
 * length} bytes against the recorded hash and cuts what lies beyond (lines rendered after the
 * checkpoint, which the runner applies again); if a file is missing, shorter or different (a crash
 * inside a rotation, an edit by hand) it drops the checkpoint and the view is rendered again from
 * position 0 — rebuild produces the same bytes. Registrations, rotations and deletions, which
 * rewrite, rename or remove files, checkpoint themselves at once (files fsynced first), so only a
 * crash inside one costs a re-render.
 *
 * <p><b>Deletion.</b> {@link ProjectDeleted} moves the project's docs directory to the event's
 * archive path (or removes it, mode {@code permanent}); the view stops rendering the project.
 *
 * <p>Thread-safe: the runner applies events; tool handlers read {@link #current} concurrently.
 */
public final class MarkdownView implements Projection {
  public static final String NAME = "markdown";
  private static final Logger LOG = LoggerFactory.getLogger(MarkdownView.class);
  private static final int STATE_VERSION = 1;
  private static final String CHECKPOINT = "checkpoint";
  private static final List<LogType> PROJECT_LOGS =
      List.of(LogType.PROGRESS, LogType.DOC_UPDATES, LogType.BUGS, LogType.SECURITY);

  private final LogFiles files;
  private final Object lock = new Object();
  // --- state, under lock ---
  // Concurrent maps so sizeHint can read without the lock; every change still holds it.
  private final Map<String, ProjectInfo> projects = new ConcurrentHashMap<>();
  private final Map<String, Chain> chains = new HashMap<>();
  private final Map<String, Long> streamVersions = new HashMap<>();
  private final Map<String, FileState> fileStates = new ConcurrentHashMap<>();
  private final Set<String> archives = new HashSet<>();
  private final Set<String> warnedUnknown = new HashSet<>();
  private long applied;
  private @Nullable Path directory;

  /** A view writing through {@code files}. */
  public MarkdownView(LogFiles files) {
    this.files = requireNonNull(files, "files");
  }

  /** The view of the server: files on disk. */
  public static MarkdownView onDisk() {
    return new MarkdownView(new DiskLogFiles());
  }

  /** A project as the view needs it. */
  record ProjectInfo(String name, String root, String docsDir, String progressLog) {}

  /** A project's last rotation. */
  record Chain(long sequence, String chainSha256) {}

  /** One file's current segment. */
  static final class FileState {
    final String path;
    final LogType type;
    final String subject;
    volatile long size;
    long entries;
    MessageDigest digest = newDigest();

    FileState(String path, LogType type, String subject) {
      this.path = path;
      this.type = type;
      this.subject = subject;
    }

    String sha256() {
      try {
        return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  // ------------------------------------------------------------------ reads (LogSegments)

  /**
   * The current segment of {@code project}'s log {@code logType} (an unknown type name means the
   * progress log). Empty when the view knows no such live project.
   */
  /**
   * The current segment's size of {@code project}'s log {@code logType} as the view last wrote
   * it, without taking the view's lock (which it holds while it writes files): a cheap hint for
   * "is a rotation due?". Decide a rotation only on {@link #current} after awaiting the view.
   */
  public long sizeHint(String project, String logType) {
    ProjectInfo info = projects.get(project);
    if (info == null) return 0;
    FileState fs = fileStates.get(pathOf(info, LogType.fileOf(logType)));
    return fs == null ? 0 : fs.size;
  }

  public Optional<Segment> current(String project, String logType) {
    synchronized (lock) {
      ProjectInfo info = projects.get(project);
      if (info == null) return Optional.empty();
      LogType type = LogType.fileOf(logType);
      String path = pathOf(info, type);
      FileState fs = fileStates.get(path);
      Chain chain = chains.get(project);
      Map<String, Long> versions = new TreeMap<>();
      if (type == LogType.GLOBAL) {
        for (ProjectInfo p : projects.values()) {
          if (pathOf(p, LogType.GLOBAL).equals(path)) versions.put(stream(p.name()), version(p.name()));
        }
      } else {
        versions.put(stream(project), version(project));
      }
      return Optional.of(
          new Segment(
              project,
              type.wireName(),
              path,
              fs == null ? 0 : fs.size,
              fs == null ? EMPTY_SHA256 : fs.sha256(),
              fs == null ? 0 : fs.entries,
              chain == null ? 1 : chain.sequence() + 1,
              chain == null ? null : chain.chainSha256(),
              versions,
              applied));
    }
  }

  /** Whether an archive may not be written to {@code path} (see {@code LogSegments.pathTaken}). */
  public boolean pathTaken(String path) {
    String p = normalize(path);
    synchronized (lock) {
      if (archives.contains(p) || fileStates.containsKey(p)) return true;
      try {
        return files.exists(p);
      } catch (IOException e) {
        return true;
      }
    }
  }

  /** The live files of {@code project} (its four logs and the global log it writes to). */
  public List<String> liveFiles(String project) {
    synchronized (lock) {
      ProjectInfo info = projects.get(project);
      if (info == null) return List.of();
      List<String> out = new ArrayList<>();
      for (LogType t : LogType.values()) {
        String p = pathOf(info, t);
        if (fileStates.containsKey(p)) out.add(p);
      }
      return out;
    }
  }

  /** The position of the last event applied. */
  public long appliedPosition() {
    synchronized (lock) {
      return applied;
    }
  }

  // ------------------------------------------------------------------ projection

  @Override
  public Checkpoint open(Path dir) throws IOException {
    synchronized (lock) {
      directory = dir;
      clear();
      Optional<CheckpointFile.Contents> c;
      try {
        c = CheckpointFile.read(dir.resolve(CHECKPOINT));
      } catch (CorruptCheckpointException e) {
        LOG.warn("Markdown view checkpoint unreadable ({}); rendering again from the log", e.getMessage());
        CheckpointFile.delete(dir.resolve(CHECKPOINT));
        return Checkpoint.NONE;
      }
      if (c.isEmpty()) return Checkpoint.NONE;
      try {
        decode(c.get().state());
        Optional<String> damage = restoreFiles();
        if (damage.isPresent()) {
          LOG.warn("Markdown view: {}; rendering every file again from the log", damage.get());
          clear();
          CheckpointFile.delete(dir.resolve(CHECKPOINT));
          return Checkpoint.NONE;
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("Markdown view state unusable ({}); rendering again from the log", e.toString());
        clear();
        CheckpointFile.delete(dir.resolve(CHECKPOINT));
        return Checkpoint.NONE;
      }
      applied = c.get().checkpoint().position();
      return c.get().checkpoint();
    }
  }

  /**
   * Exactly what {@link #apply} reads: every event of a project stream (their versions go into
   * the segments), and the event types it renders or folds wherever they are.
   */
  @Override
  public boolean applies(String type, String stream) {
    return stream.startsWith(PROJECT_STREAM) || RENDERED.contains(type);
  }

  private static final Set<String> RENDERED =
      Set.of(
          ProjectRegistered.class.getSimpleName(), ProjectDeleted.class.getSimpleName(),
          EntryAppended.class.getSimpleName(), LogRotated.class.getSimpleName(),
          FileRead.class.getSimpleName());

  @Override
  public void skip(long position) {
    synchronized (lock) {
      applied = position;
    }
  }

  @Override
  public void apply(RecordedEvent r) throws IOException {
    synchronized (lock) {
      if (r.stream().startsWith(PROJECT_STREAM)) streamVersions.put(r.stream(), r.streamVersion());
      ScribeEvent e = r.event();
      boolean rewrote = false;
      if (e instanceof ProjectRegistered p) {
        register(p);
        rewrote = true;
      } else if (e instanceof ProjectDeleted d) {
        forget(d);
        rewrote = true;
      } else if (e instanceof EntryAppended a) {
        entry(a);
      } else if (e instanceof LogRotated l) {
        rotate(l);
        rewrote = true;
      } else if (e instanceof FileRead f && f.project() != null) {
        // read_file provenance in the project's progress log (line: ReadProvenance, sentinel helper)
        ProjectInfo info = projects.get(f.project());
        if (info != null) appendLine(info, LogType.PROGRESS, ReadProvenance.line(r, f), new LinkedHashSet<>());
      }
      applied = r.position();
      // Registrations, rotations and deletions rewrite, move or remove files: make that durable with a checkpoint of
      // its own at once, so a crash later never finds files that moved or shrank past the last
      // checkpoint (which would cost a re-render from position 0).
      if (rewrote && directory != null) {
        files.sync();
        CheckpointFile.write(directory.resolve(CHECKPOINT), Checkpoint.at(r.position()), encode());
      }
    }
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    synchronized (lock) {
      files.sync();
      CheckpointFile.write(requireNonNull(directory, "not open").resolve(CHECKPOINT), checkpoint, encode());
    }
  }

  @Override
  public void reset() throws IOException {
    synchronized (lock) {
      if (directory != null) CheckpointFile.delete(directory.resolve(CHECKPOINT));
      clear();
      // The files stay: replay rewrites each one (they carry the marker) from its first event.
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      files.closeAll();
    }
  }

  // ------------------------------------------------------------------ folding

  private void register(ProjectRegistered p) throws IOException {
    ProjectInfo info =
        new ProjectInfo(p.name(), normalize(p.root()), normalize(p.docsDir()), normalize(p.progressLog()));
    projects.put(p.name(), info);
    warnedUnknown.remove(p.name());
    for (LogType t : PROJECT_LOGS) startSegment(pathOf(info, t), t, subjectOf(info, t), null);
  }

  /**
   * A deleted project's files go where {@code delete_project} decided. Mode {@code archive}: the
   * first time (the archive directory does not exist yet) the whole docs directory moves there —
   * the project's other documents with it — and a progress log kept elsewhere follows with its
   * rotation archives; when the archive directory exists already (a replay: live moved it), only
   * the files the view rendered for this incarnation are moved into it, so files a later
   * incarnation left in the docs directory stay. Mode {@code permanent}: the view removes the files
   * it rendered (logs and their rotation archives) and the docs directory if nothing else is left;
   * documents people wrote are never deleted by a projection. The shared global log stays.
   */
  private void forget(ProjectDeleted d) throws IOException {
    ProjectInfo info = projects.remove(d.name());
    if (info == null) return;
    String docs = info.docsDir();
    List<String> owned = new ArrayList<>();
    for (LogType t : PROJECT_LOGS) {
      String p = pathOf(info, t);
      if (fileStates.remove(p) != null) owned.add(p);
    }
    for (String a : archives) {
      if (a.startsWith(docs + "/") || a.startsWith(info.progressLog() + ".")) owned.add(a);
    }
    archives.removeAll(owned);
    if (docs.equals(info.root()) || info.root().startsWith(docs + "/")) {
      LOG.warn("Project '{}' deleted: its docs directory {} holds its root; files left in place", d.name(), docs);
      return;
    }
    if ("archive".equals(d.mode()) && d.archivePath() != null) {
      String dest = normalize(d.archivePath());
      boolean first = !files.exists(dest);
      if (first && files.exists(docs)) {
        files.moveTree(docs, dest);
        owned.removeIf(f -> f.startsWith(docs + "/"));
      }
      for (String f : owned) {
        String target =
            f.startsWith(docs + "/")
                ? dest + f.substring(docs.length())
                : normalize(Path.of(dest, Path.of(f).getFileName().toString()).toString());
        files.moveTree(f, target);
      }
    } else {
      for (String f : owned) files.deleteTree(f);
    }
    files.removeIfEmpty(docs);
  }

  private void entry(EntryAppended e) throws IOException {
    ProjectInfo info = projects.get(e.project());
    if (info == null) {
      if (warnedUnknown.add(e.project())) {
        LOG.warn("Markdown view: entries of project '{}', which is not registered (or deleted), are not rendered", e.project());
      }
      return;
    }
    Set<String> written = new LinkedHashSet<>();
    LogType primary = LogType.fileOf(e.logType());
    appendLine(info, primary, EntryLines.primary(e), written);
    for (String tee : e.teeLogTypes()) {
      appendLine(info, LogType.fileOf(tee), EntryLines.tee(e, tee), written);
    }
  }

  private void appendLine(ProjectInfo info, LogType type, String line, Set<String> written)
      throws IOException {
    String path = pathOf(info, type);
    if (!written.add(path)) return;
    FileState fs = fileStates.get(path);
    if (fs == null) fs = startSegment(path, type, subjectOf(info, type), null);
    byte[] bytes = (line + "\n").getBytes(UTF_8);
    files.writeAt(path, fs.size, bytes);
    fs.digest.update(bytes);
    fs.size += bytes.length;
    fs.entries++;
  }

  private void rotate(LogRotated r) throws IOException {
    chains.put(r.project(), new Chain(r.sequenceNumber(), r.chainSha256()));
    ProjectInfo info = projects.get(r.project());
    if (info == null) return;
    LogType type = LogType.fileOf(r.logType());
    String path = pathOf(info, type);
    if (!path.equals(normalize(r.logPath()))) {
      LOG.warn("Rotation {} names {} but the view renders {} there; rotating {}", r.rotationId(), r.logPath(), type.wireName(), path);
    }
    FileState fs = fileStates.get(path);
    if (fs == null) fs = startSegment(path, type, subjectOf(info, type), null);
    String sha = fs.sha256();
    if (!sha.equals(r.archiveSha256())) {
      LOG.warn("Rotation {} of {}: the segment's SHA-256 is {} but the event records {}", r.rotationId(), path, sha, r.archiveSha256());
    }
    String archive = normalize(r.archivePath());
    if (!archive.equals(path)) {
      if (files.exists(archive) && !files.isOurs(archive)) files.moveAside(archive);
      files.rename(path, archive);
      archives.add(archive);
    }
    String archiveName = Path.of(archive).getFileName().toString();
    startSegment(
        path, type, subjectOf(info, type),
        new LogTemplates.Continuation(archiveName, r.sequenceNumber(), r.chainSha256()));
  }

  /** Starts a file afresh with its header, moving a file the view did not write out of the way. */
  private FileState startSegment(
      String path, LogType type, String subject, LogTemplates.@Nullable Continuation after)
      throws IOException {
    if (files.exists(path) && !files.isOurs(path)) files.moveAside(path);
    byte[] header = LogTemplates.logHeader(type, subject, after).getBytes(UTF_8);
    files.write(path, header);
    FileState fs = new FileState(path, type, subject);
    fs.digest.update(header);
    fs.size = header.length;
    fileStates.put(path, fs);
    return fs;
  }

  // ------------------------------------------------------------------ paths

  private static final String PROJECT_STREAM = "project-";
  static final String EMPTY_SHA256 = HexFormat.of().formatHex(newDigest().digest());

  static String pathOf(ProjectInfo p, LogType t) {
    return switch (t) {
      case PROGRESS -> p.progressLog();
      case GLOBAL -> normalize(Path.of(p.root(), "docs", t.fileName()).toString());
      default -> normalize(Path.of(p.docsDir(), t.fileName()).toString());
    };
  }

  private static String subjectOf(ProjectInfo p, LogType t) {
    if (t != LogType.GLOBAL) return p.name();
    Path name = Path.of(p.root()).getFileName();
    return name == null ? p.root() : name.toString();
  }

  private static String stream(String project) {
    return PROJECT_STREAM + project;
  }

  private long version(String project) {
    return streamVersions.getOrDefault(stream(project), 0L);
  }

  static String normalize(String path) {
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ------------------------------------------------------------------ checkpoint state

  private void clear() {
    projects.clear();
    chains.clear();
    streamVersions.clear();
    fileStates.clear();
    archives.clear();
    warnedUnknown.clear();
    applied = 0;
  }

  private byte[] encode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(STATE_VERSION);
      out.writeInt(projects.size());
      for (ProjectInfo p : new TreeMap<>(projects).values()) {
        str(out, p.name());
        str(out, p.root());
        str(out, p.docsDir());
        str(out, p.progressLog());
      }
      out.writeInt(chains.size());
      for (Map.Entry<String, Chain> c : new TreeMap<>(chains).entrySet()) {
        str(out, c.getKey());
        out.writeLong(c.getValue().sequence());
        str(out, c.getValue().chainSha256());
      }
      out.writeInt(streamVersions.size());
      for (Map.Entry<String, Long> v : new TreeMap<>(streamVersions).entrySet()) {
        str(out, v.getKey());
        out.writeLong(v.getValue());
      }
      out.writeInt(fileStates.size());
      for (FileState f : new TreeMap<>(fileStates).values()) {
        str(out, f.path);
        str(out, f.type.wireName());
        str(out, f.subject);
        out.writeLong(f.size);
        out.writeLong(f.entries);
        str(out, f.sha256());
      }
      out.writeInt(archives.size());
      for (String a : new java.util.TreeSet<>(archives)) str(out, a);
    }
    return bytes.toByteArray();
  }

  /** Files recorded by {@link #decode}, with the hash each must have, until restored. */
  private final Map<String, String> expectedSha = new HashMap<>();

  private void decode(byte[] state) throws IOException {
    expectedSha.clear();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int version = in.readInt();
      if (version != STATE_VERSION) throw new IOException("state version " + version);
      for (int i = in.readInt(); i > 0; i--) {
        ProjectInfo p = new ProjectInfo(str(in), str(in), str(in), str(in));
        projects.put(p.name(), p);
      }
      for (int i = in.readInt(); i > 0; i--) {
        String project = str(in);
        chains.put(project, new Chain(in.readLong(), str(in)));
      }
      for (int i = in.readInt(); i > 0; i--) streamVersions.put(str(in), in.readLong());
      for (int i = in.readInt(); i > 0; i--) {
        String path = str(in);
        LogType type = LogType.parse(str(in)).orElseThrow(() -> new IOException("unknown log type"));
        FileState f = new FileState(path, type, str(in));
        f.size = in.readLong();
        f.entries = in.readLong();
        expectedSha.put(path, str(in));
        fileStates.put(path, f);
      }
      for (int i = in.readInt(); i > 0; i--) archives.add(str(in));
    }
  }

  /** Rebuilds each file's running hash from its bytes and cuts what the checkpoint does not cover. */
  private Optional<String> restoreFiles() throws IOException {
    for (FileState f : fileStates.values()) {
      Optional<byte[]> prefix = files.readPrefix(f.path, f.size);
      if (prefix.isEmpty()) {
        return Optional.of(f.path + " is missing or shorter than the checkpoint's " + f.size + " bytes");
      }
      f.digest.update(prefix.get());
      if (!f.sha256().equals(expectedSha.get(f.path))) {
        return Optional.of(f.path + " differs from what the view wrote (edited, or a rotation was cut short)");
      }
      files.truncate(f.path, f.size);
    }
    expectedSha.clear();
    return Optional.empty();
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 24)) throw new IOException("bad string length " + n);
    return new String(in.readNBytes(n), UTF_8);
  }
}
