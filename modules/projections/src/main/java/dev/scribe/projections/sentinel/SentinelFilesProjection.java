package dev.scribe.projections.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.projections.Checkpoint;
import dev.scribe.projections.CheckpointFile;
import dev.scribe.projections.DurableFiles;
import dev.scribe.projections.Projection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each repository's daily sentinel files, {@code <repo>/.scribe/sentinel/<day>/} {@code
 * sentinel.jsonl}, {@code bug.jsonl}, {@code security.jsonl} and {@code SENTINEL_LOG.md}: per event
 * its JSON line, then its Markdown line ({@link SentinelLines}).
 *
 * <p><b>Crash safety.</b> The state is the length of every file this projection wrote, and the case
 * refs. A checkpoint fsyncs the files, then stores that state with the position ({@link
 * CheckpointFile}). On open, every file is cut back to its checkpointed length and every file
 * first created after the checkpoint (named in the {@code created} journal, written and fsynced
 * before the file is) is deleted; the runner then replays the events after the checkpoint, which
 * write the same bytes again. So a crash never duplicates or loses a line.
 *
 * <p><b>Foreign files.</b> A non-empty file at a path this projection has not written yet (e.g. a
 * log the Python server left) is moved aside once, to {@code <name>.pre-scribe<.ext>}, never
 * clobbered; {@code tools/scribe import-sentinel} brings such history into the log.
 *
 * <p>A repository root that no longer exists is skipped (logged): one deleted checkout must not
 * stop every other repository's files.
 */
public final class SentinelFilesProjection implements Projection {
  public static final String NAME = "sentinel-files";
  private static final Logger LOG = LoggerFactory.getLogger(SentinelFilesProjection.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHECKPOINT = "checkpoint";
  private static final String CREATED = "created";
  private static final int MAX_OPEN = 32;

  private final Map<Path, Long> lengths = new TreeMap<>();
  /** Files created since the last checkpoint: their directories are fsynced with it. */
  private final java.util.Set<Path> fresh = new java.util.HashSet<>();
  private final CaseRefs cases = new CaseRefs();
  private final Map<Path, FileChannel> open =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, FileChannel> e) {
          if (size() <= MAX_OPEN) return false;
          closeQuietly(e.getValue(), true);
          return true;
        }
      };
  private Path dir = Path.of(".");

  @Override
  public String name() {
    return NAME;
  }

  /** The directory of {@code repoRoot}'s files for {@code day}. */
  public static Path dayDirectory(String repoRoot, String day) {
    return Path.of(repoRoot, ".scribe", "sentinel", day);
  }

  @Override
  public Checkpoint open(Path directory) throws IOException {
    dir = directory;
    lengths.clear();
    cases.clear();
    Checkpoint cp = Checkpoint.NONE;
    Optional<CheckpointFile.Contents> stored = CheckpointFile.read(dir.resolve(CHECKPOINT));
    if (stored.isPresent()) {
      cp = stored.get().checkpoint();
      decode(stored.get().state());
    }
    rollBack();
    return cp;
  }

  /** Cuts written files back to the checkpoint and deletes those created after it. */
  private void rollBack() throws IOException {
    Path created = dir.resolve(CREATED);
    if (Files.exists(created)) {
      for (String line : Files.readAllLines(created, StandardCharsets.UTF_8)) {
        if (line.isEmpty()) continue;
        Path p = Path.of(line);
        if (!lengths.containsKey(p)) Files.deleteIfExists(p);
      }
    }
    for (Map.Entry<Path, Long> e : lengths.entrySet()) {
      Path p = e.getKey();
      if (!Files.exists(p)) {
        if (e.getValue() > 0 && Files.isDirectory(p.getParent())) {
          LOG.warn("Sentinel file {} is gone; it will be written again only by a rebuild", p);
        }
        continue;
      }
      if (Files.size(p) > e.getValue()) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.truncate(e.getValue());
          ch.force(true);
        }
      }
    }
    DurableFiles.delete(created);
  }

  @Override
  public java.util.Optional<java.util.Set<String>> eventTypes() {
    return SentinelLines.EVENT_TYPES;
  }

  @Override
  public void apply(RecordedEvent event) throws IOException {
    Optional<SentinelLine> line = SentinelLines.render(event, cases);
    if (line.isEmpty()) return;
    SentinelLine l = line.get();
    if (l.repoRoot().isEmpty() || !Files.isDirectory(Path.of(l.repoRoot()))) {
      LOG.warn("Sentinel event at {}: repository {} does not exist; not written", event.position(), l.repoRoot());
      return;
    }
    Path day = dayDirectory(l.repoRoot(), l.day());
    append(day.resolve(l.file().fileName()), l.jsonLine());
    append(day.resolve(SentinelLine.MARKDOWN_FILE), l.markdown());
  }

  private void append(Path file, String line) throws IOException {
    FileChannel ch = channel(file);
    long at = lengths.get(file);
    ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) at += ch.write(buf, at);
    lengths.put(file, at);
  }

  private FileChannel channel(Path file) throws IOException {
    FileChannel ch = open.get(file);
    if (ch != null) return ch;
    if (!lengths.containsKey(file)) {
      Files.createDirectories(file.getParent());
      moveAsideForeign(file);
      Files.writeString(
          dir.resolve(CREATED), file + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      lengths.put(file, 0L);
      fresh.add(file);
    }
    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    open.put(file, ch);
    return ch;
  }

  private static void moveAsideForeign(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) return;
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    Path aside = file.resolveSibling(stem + ".pre-scribe" + ext);
    for (int i = 2; Files.exists(aside); i++) aside = file.resolveSibling(stem + ".pre-scribe-" + i + ext);
    Files.move(file, aside);
    LOG.info("Moved the existing {} aside to {} (it was not written by Scribe)", file, aside);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    for (FileChannel ch : open.values()) ch.force(false);
    for (Path p : fresh) {
      DurableFiles.fsyncDirectory(p.getParent());
      DurableFiles.fsyncDirectory(p.getParent().getParent());
    }
    fresh.clear();
    CheckpointFile.write(dir.resolve(CHECKPOINT), checkpoint, encode());
    DurableFiles.delete(dir.resolve(CREATED));
  }

  @Override
  public void reset() throws IOException {
    CheckpointFile.delete(dir.resolve(CHECKPOINT));
    closeAll();
    for (Path p : lengths.keySet()) Files.deleteIfExists(p);
    Path created = dir.resolve(CREATED);
    if (Files.exists(created)) {
      for (String line : Files.readAllLines(created, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) Files.deleteIfExists(Path.of(line));
      }
    }
    DurableFiles.delete(created);
    lengths.clear();
    fresh.clear();
    cases.clear();
  }

  @Override
  public void close() {
    closeAll();
  }

  private void closeAll() {
    for (FileChannel ch : open.values()) closeQuietly(ch, false);
    open.clear();
  }

  private static void closeQuietly(FileChannel ch, boolean force) {
    try {
      if (force) ch.force(false);
      ch.close();
    } catch (IOException e) {
      LOG.warn("Closing a sentinel file: {}", e.toString());
    }
  }

  private byte[] encode() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode files = root.putObject("files");
    lengths.forEach((p, n) -> files.put(p.toString(), n));
    ObjectNode refs = root.putObject("cases");
    cases.all().forEach((stream, ref) -> {
      ObjectNode r = refs.putObject(stream);
      r.put("caseId", ref.caseId()).put("kind", ref.kind().wire());
      r.put("repoRoot", ref.repoRoot()).put("repoId", ref.repoId());
    });
    return JSON.writeValueAsBytes(root);
  }

  private void decode(byte[] state) throws IOException {
    JsonNode root = JSON.readTree(state);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      lengths.put(Path.of(e.getKey()), e.getValue().asLong());
    }
    Map<String, CaseRefs.Ref> refs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("cases").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      refs.put(e.getKey(), new CaseRefs.Ref(r.path("caseId").asText(),
          CaseKind.fromWire(r.path("kind").asText()).orElseThrow(), r.path("repoRoot").asText(),
          r.path("repoId").asText()));
    }
    cases.putAll(refs);
  }
}
