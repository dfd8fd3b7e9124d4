package dev.scribe.projections;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A sample side-effecting projection, shaped like the Markdown one to come: one append-only file
 * per project ({@code <out>/<project>.log}, a line {@code position|entry id|message} per entry),
 * deleted with the project. Appends are not idempotent, so {@link #open} rolls every file back to
 * the checkpoint (drops lines past it) before the runner replays; deletions replay harmlessly.
 * {@link #checkpoint} fsyncs the files written since the last one, then writes the checkpoint.
 */
final class EntryFilesProjection implements Projection {
  private final String name;
  private final Path out;
  private final Set<Path> dirty = new HashSet<>();
  private Path checkpointFile = Path.of("unopened");

  EntryFilesProjection(String name, Path out) {
    this.name = name;
    this.out = out;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Checkpoint open(Path directory) throws IOException {
    Files.createDirectories(out);
    checkpointFile = directory.resolve("checkpoint");
    Checkpoint cp =
        CheckpointFile.read(checkpointFile)
            .map(CheckpointFile.Contents::checkpoint)
            .orElse(Checkpoint.NONE);
    for (Path f : files()) rollBack(f, cp.position());
    return cp;
  }

  private void rollBack(Path file, long position) throws IOException {
    List<String> lines = Files.readAllLines(file, UTF_8);
    List<String> kept = new ArrayList<>();
    for (String l : lines) {
      if (Long.parseLong(l.substring(0, l.indexOf('|'))) <= position) kept.add(l);
    }
    if (kept.size() == lines.size()) return;
    if (kept.isEmpty()) {
      DurableFiles.delete(file);
    } else {
      DurableFiles.replace(file, (String.join("\n", kept) + "\n").getBytes(UTF_8));
    }
  }

  @Override
  public void apply(RecordedEvent event) throws IOException {
    if (event.event() instanceof EntryAppended e) {
      Path f = fileOf(e.project());
      String line =
          event.position() + "|" + e.entryId() + "|" + e.message().replace("\n", "\\n") + "\n";
      Files.write(f, line.getBytes(UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      dirty.add(f);
    } else if (event.event() instanceof ProjectDeleted d) {
      Files.deleteIfExists(fileOf(d.name()));
    }
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    for (Path f : dirty) {
      if (!Files.exists(f)) continue;
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
    DurableFiles.fsyncDirectory(out);
    dirty.clear();
    CheckpointFile.write(checkpointFile, checkpoint);
  }

  @Override
  public void reset() throws IOException {
    CheckpointFile.delete(checkpointFile);
    for (Path f : files()) Files.delete(f);
    dirty.clear();
  }

  /** File name → content, for comparisons. */
  SortedMap<String, String> contents() throws IOException {
    SortedMap<String, String> m = new TreeMap<>();
    for (Path f : files()) m.put(f.getFileName().toString(), Files.readString(f, UTF_8));
    return m;
  }

  private Path fileOf(String project) {
    return out.resolve(project + ".log");
  }

  private List<Path> files() throws IOException {
    if (!Files.isDirectory(out)) return List.of();
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
    }
  }
}
