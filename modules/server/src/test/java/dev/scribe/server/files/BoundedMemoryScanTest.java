package dev.scribe.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.tools.ports.RepositoryFiles.Outcome;
import dev.scribe.tools.ports.RepositoryFiles.Request;
import dev.scribe.tools.ports.RepositoryFiles.SearchMode;
import dev.scribe.tools.ports.RepositoryFiles.Spec;
import dev.scribe.tools.ports.RepositoryFiles.Success;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB file is scanned, paged and searched by a JVM whose whole heap is 48 MiB: if any mode
 * held the file (or a line of it: the file is one 1 GiB line of zero bytes, then some text) in
 * memory, the child would die with OutOfMemoryError. The test checks memory, not time.
 */
class BoundedMemoryScanTest {
  static final long SIZE = 1L << 30;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void aOneGibFileIsReadWithA48MibHeap() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
    Path big = repo.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(SIZE); // sparse: no disk used for the zeros
      f.seek(SIZE - 12);
      f.write("\nneedle end\n".getBytes(StandardCharsets.US_ASCII));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-XX:+UseSerialGC", "-cp",
        classPath(), Child.class.getName(), repo.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(14, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("scan " + SIZE + " 2 8192").contains("read-last 8191 null").contains("search 1 line 2");
  }

  /** The test class path (surefire runs tests from a manifest-only jar; it names the real path here). */
  static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Runs in the small-heap child. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      FileReadService files = new FileReadService(Path.of(args[0]));
      Success scan = ok(files.read(new Request(args[0], "big.bin", new Spec.ScanOnly())));
      System.out.println("scan " + scan.scan().byteSize() + " " + scan.scan().lineCount() + " " + scan.scan().estimatedChunkCount());
      Success last = ok(files.read(new Request(args[0], "big.bin", new Spec.Read(8191, 256 * 1024))));
      System.out.println("read-last " + last.chunks().get(0).chunkIndex() + " " + last.nextChunkIndex());
      Success first = ok(files.read(new Request(args[0], "big.bin", new Spec.Read(0, 4L * 1024 * 1024))));
      if (first.chunks().size() != 32) throw new AssertionError("chunks " + first.chunks().size());
      Success search = ok(files.read(new Request(args[0], "big.bin",
          new Spec.Search("needle", SearchMode.LITERAL, false, 1, 200, 0.7, 1 << 20))));
      System.out.println("search " + search.matches().size() + " line " + search.matches().get(0).lineNumber());
    }

    private static Success ok(Outcome o) {
      if (!(o instanceof Success s)) throw new AssertionError(o.toString());
      return s;
    }
  }
}
