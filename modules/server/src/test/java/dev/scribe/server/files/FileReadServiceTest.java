package dev.scribe.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.tools.ports.RepositoryFiles.Chunk;
import dev.scribe.tools.ports.RepositoryFiles.Denied;
import dev.scribe.tools.ports.RepositoryFiles.Failed;
import dev.scribe.tools.ports.RepositoryFiles.Invalid;
import dev.scribe.tools.ports.RepositoryFiles.Outcome;
import dev.scribe.tools.ports.RepositoryFiles.Request;
import dev.scribe.tools.ports.RepositoryFiles.SearchMode;
import dev.scribe.tools.ports.RepositoryFiles.Spec;
import dev.scribe.tools.ports.RepositoryFiles.Success;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadServiceTest {
  @TempDir Path tmp;
  Path repo;
  Path home;
  FileReadService files;

  @BeforeEach
  void setUp() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
    home = Files.createDirectories(tmp.resolve("home")).toRealPath();
    files = new FileReadService(home);
  }

  Outcome read(String path, Spec spec) {
    return files.read(new Request(repo.toString(), path, spec));
  }

  Success ok(String path, Spec spec) {
    Outcome o = read(path, spec);
    assertThat(o).isInstanceOf(Success.class);
    return (Success) o;
  }

  static String lines(int n, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) sb.append(prefix).append(i).append('\n');
    return sb.toString();
  }

  Path write(String rel, String content) throws IOException {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void scanOfA450LineFile() throws Exception {
    String content = lines(450, "line ");
    write("src/a.py", content);
    Success s = ok("src/a.py", new Spec.ScanOnly());
    assertThat(s.scan().repoRelativePath()).isEqualTo("src/a.py");
    assertThat(s.scan().absolutePath()).isEqualTo(repo.resolve("src/a.py").toString());
    assertThat(s.scan().lineCount()).isEqualTo(450);
    assertThat(s.scan().byteSize()).isEqualTo(content.length());
    assertThat(s.scan().newlineType()).isEqualTo("LF");
    assertThat(s.scan().encoding()).isEqualTo("utf-8");
    assertThat(s.scan().estimatedChunkCount()).isEqualTo(3);
    assertThat(s.scan().sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))));
    assertThat(s.chunks()).isEmpty();
  }

  @Test
  void chunksAreInFileOrderWithOffsets() throws IOException {
    String content = lines(450, "l");
    write("a.txt", content);
    Success c = ok("a.txt", new Spec.Chunks(List.of(2, 0)));
    assertThat(c.chunks()).extracting(Chunk::chunkIndex).containsExactly(0L, 2L);
    Chunk c0 = c.chunks().get(0);
    assertThat(c0.lineStart()).isEqualTo(1);
    assertThat(c0.lineEnd()).isEqualTo(200);
    assertThat(c0.byteStart()).isEqualTo(0);
    assertThat(c0.content()).isEqualTo(lines(200, "l"));
    assertThat(c0.byteEnd()).isEqualTo(c0.content().length());
    Chunk c2 = c.chunks().get(1);
    assertThat(c2.lineStart()).isEqualTo(401);
    assertThat(c2.lineEnd()).isEqualTo(450);
    assertThat(c2.byteEnd()).isEqualTo(content.length());

    Success fs = ok("a.txt", new Spec.FullStream(0, 2));
    assertThat(fs.chunks()).extracting(Chunk::chunkIndex).containsExactly(0L, 1L);
    assertThat(fs.nextChunkIndex()).isEqualTo(2L);
    Success fs2 = ok("a.txt", new Spec.FullStream(2, 5));
    assertThat(fs2.chunks()).extracting(Chunk::chunkIndex).containsExactly(2L);
    assertThat(fs2.nextChunkIndex()).isNull();
    assertThat(read("a.txt", new Spec.Chunks(List.of(3)))).isInstanceOf(Invalid.class);
  }

  @Test
  void lineRangesAndPages() throws IOException {
    write("a.txt", lines(450, "l"));
    Chunk r = ok("a.txt", new Spec.LineRange(3, 5, 1 << 20)).chunks().get(0);
    assertThat(r.content()).isEqualTo("l3\nl4\nl5\n");
    assertThat(r.byteStart()).isEqualTo("l1\nl2\n".length());
    Chunk tail = ok("a.txt", new Spec.LineRange(449, 460, 1 << 20)).chunks().get(0);
    assertThat(tail.lineStart()).isEqualTo(449);
    assertThat(tail.lineEnd()).isEqualTo(450);
    Chunk page = ok("a.txt", new Spec.Page(2, 50, 1 << 20)).chunks().get(0);
    assertThat(page.lineStart()).isEqualTo(51);
    assertThat(page.lineEnd()).isEqualTo(100);
    assertThat(page.content()).startsWith("l51\n").endsWith("l100\n");
    assertThat(read("a.txt", new Spec.LineRange(500, 510, 1 << 20))).isInstanceOf(Invalid.class);
    assertThat(read("a.txt", new Spec.LineRange(1, 450, 100))).isInstanceOf(Invalid.class);
  }

  @Test
  void searchGivesContextBeforeAndAfter() throws IOException {
    write("s.txt", "a\nfoo 1\nb\nc\nfoo 2\nd\n");
    Success s = ok("s.txt", new Spec.Search("foo", SearchMode.LITERAL, false, 1, 200, 0.7, 1 << 20));
    assertThat(s.matches()).hasSize(2);
    var m1 = s.matches().get(0);
    assertThat(m1.lineNumber()).isEqualTo(2);
    assertThat(m1.line()).isEqualTo("foo 1");
    assertThat(m1.context()).containsExactly("a", "foo 1", "b");
    assertThat(m1.contextStart()).isEqualTo(1);
    assertThat(m1.contextEnd()).isEqualTo(3);
    var m2 = s.matches().get(1);
    assertThat(m2.context()).containsExactly("c", "foo 2", "d");

    write("n.txt", lines(225, "needle "));
    Success n = ok("n.txt", new Spec.Search("needle", SearchMode.LITERAL, false, 0, 200, 0.7, 1 << 20));
    assertThat(n.matches()).hasSize(200);
    assertThat(n.totalMatches()).isEqualTo(225);
    assertThat(n.matchesTruncated()).isTrue();

    Success re = ok("s.txt", new Spec.Search("^FOO \\d$", SearchMode.REGEX, true, 0, 200, 0.7, 1 << 20));
    assertThat(re.matches()).extracting(m -> m.lineNumber()).containsExactly(2L, 5L);
    Outcome bad = read("s.txt", new Spec.Search("(", SearchMode.REGEX, false, 0, 200, 0.7, 1 << 20));
    assertThat(bad).isInstanceOf(Failed.class);
    assertThat(((Failed) bad).error()).isEqualTo("invalid regex");
    assertThat(((Failed) bad).details()).startsWith("invalid regex: ");

    Success fz = ok("s.txt", new Spec.Search("foo 0", SearchMode.FUZZY, true, 0, 200, 0.7, 1 << 20));
    assertThat(fz.matches()).extracting(m -> m.lineNumber()).containsExactly(2L, 5L);
    assertThat(fz.matches().get(0).score()).isEqualTo(0.8);
  }

  @Test
  void frontMatterIsParsedAndStrippedFromChunkZero() throws IOException {
    write("fm.md", "---\ntitle: x\n---\nbody1\nbody2\n");
    Success s = ok("fm.md", new Spec.Chunks(List.of(0)));
    var fm = s.frontmatter().orElseThrow();
    assertThat(fm.json()).isEqualTo("{\"title\":\"x\"}");
    assertThat(fm.lineCount()).isEqualTo(3);
    assertThat(fm.raw()).isEqualTo("title: x\n");
    assertThat(fm.byteCount()).isEqualTo("---\ntitle: x\n---\n".length());
    Chunk c = s.chunks().get(0);
    assertThat(c.content()).isEqualTo("body1\nbody2\n");
    assertThat(c.original()).isNotNull();
    assertThat(c.original().lineEnd()).isEqualTo(5);
    assertThat(c.lineStart()).isEqualTo(4);

    write("bad.md", "---\n: : [\n---\nx\n");
    assertThat(ok("bad.md", new Spec.ScanOnly()).frontmatter().orElseThrow().error()).isNotNull();
    write("none.md", "--- not\nx\n");
    assertThat(ok("none.md", new Spec.ScanOnly()).frontmatter()).isEmpty();
  }

  @Test
  void newlineTypesAndEncodings() throws IOException {
    write("crlf.txt", "a\r\nb\r\n");
    assertThat(ok("crlf.txt", new Spec.ScanOnly()).scan().newlineType()).isEqualTo("CRLF");
    write("mixed.txt", "a\r\nb\n");
    assertThat(ok("mixed.txt", new Spec.ScanOnly()).scan().newlineType()).isEqualTo("mixed");
    write("one.txt", "no newline");
    var one = ok("one.txt", new Spec.ScanOnly()).scan();
    assertThat(one.newlineType()).isEqualTo("unknown");
    assertThat(one.lineCount()).isEqualTo(1);
    write("empty.txt", "");
    var empty = ok("empty.txt", new Spec.Chunks(List.of(0)));
    assertThat(empty.scan().lineCount()).isZero();
    assertThat(empty.scan().estimatedChunkCount()).isZero();
    assertThat(empty.chunks()).isEmpty();
    Files.write(repo.resolve("latin.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
    Success l = ok("latin.txt", new Spec.Chunks(List.of(0)));
    assertThat(l.scan().encoding()).isEqualTo("latin-1");
    assertThat(l.chunks().get(0).content()).isEqualTo("café\n");
  }

  @Test
  void longLinesAreSplitOnCharacterBoundariesAndReadPagesThroughThem() throws IOException {
    // 300 000 three-byte characters on one line: 900 000 bytes, split into 128 KiB chunks
    String line = "€".repeat(300_000);
    write("long.txt", line + "\nend\n");
    Success s = ok("long.txt", new Spec.ScanOnly());
    long chunks = s.scan().estimatedChunkCount();
    assertThat(chunks).isEqualTo(7); // 6 pieces of 131070 bytes (43690 characters), the rest with "end"
    StringBuilder all = new StringBuilder();
    long next = 0;
    int answers = 0;
    while (true) {
      Success r = ok("long.txt", new Spec.Read((int) next, 256 * 1024));
      answers++;
      for (Chunk c : r.chunks()) {
        assertThat(c.byteEnd() - c.byteStart()).isLessThanOrEqualTo(128 * 1024);
        all.append(c.content());
      }
      if (r.nextChunkIndex() == null) break;
      next = r.nextChunkIndex();
    }
    assertThat(all.toString()).isEqualTo(line + "\nend\n");
    assertThat(answers).isEqualTo(4);
  }

  @Test
  void readModeReturnsConsecutiveChunksUpToTheCap() throws IOException {
    write("a.txt", lines(1000, "x"));
    Success r = ok("a.txt", new Spec.Read(0, 1 << 20));
    assertThat(r.chunks()).hasSize(5);
    assertThat(r.nextChunkIndex()).isNull();
    Success r2 = ok("a.txt", new Spec.Read(3, 1 << 20));
    assertThat(r2.chunks()).extracting(Chunk::chunkIndex).containsExactly(3L, 4L);
    assertThat(read("a.txt", new Spec.Read(5, 1 << 20))).isInstanceOf(Invalid.class);
  }

  @Test
  void chunkingIsDeterministicForRandomContent() throws IOException {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      int len = rnd.nextInt(10) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(80);
      sb.append("é".repeat(len / 2)).append("a".repeat(len % 2)).append(rnd.nextBoolean() ? "\n" : "\r\n");
    }
    write("r.txt", sb.toString());
    Success a = ok("r.txt", new Spec.Read(0, Long.MAX_VALUE / 4));
    StringBuilder back = new StringBuilder();
    long prevEnd = 0;
    for (Chunk c : a.chunks()) {
      assertThat(c.byteStart()).as("seed %d", seed).isEqualTo(prevEnd);
      assertThat(c.byteEnd() - c.byteStart()).as("seed %d", seed).isLessThanOrEqualTo(128 * 1024);
      prevEnd = c.byteEnd();
      back.append(c.content());
    }
    assertThat(back.toString()).as("seed %d", seed).isEqualTo(sb.toString());
    assertThat((long) a.chunks().size()).as("seed %d", seed).isEqualTo(a.scan().estimatedChunkCount());
  }

  // --- path policy -----------------------------------------------------------------------------

  String denial(String path) {
    Outcome o = read(path, new Spec.ScanOnly());
    return o instanceof Denied d ? d.reason() : o.getClass().getSimpleName();
  }

  @Test
  void denylistByComponentAndRootConfinement() throws IOException {
    write(".env", "SECRET=1");
    write(".git/config", "[core]");
    write(".scribe/registry/x.json", "{}");
    write("docs/system_design.md", "ok");
    write(".env.example", "ok");
    write("sub/.env", "SECRET=2");
    Files.createDirectories(tmp.resolve("sibling"));
    Files.writeString(tmp.resolve("sibling/x"), "x");
    Files.writeString(tmp.resolve("outside.txt"), "x");
    Files.createDirectories(home.resolve(".ssh"));

    assertThat(denial(".env")).isEqualTo("denylist_match");
    assertThat(denial("sub/.env")).isEqualTo("denylist_match");
    assertThat(denial(".git/config")).isEqualTo("denylist_match");
    assertThat(denial("./a/../.git/config")).isEqualTo("denylist_match");
    assertThat(denial(".scribe/registry/x.json")).isEqualTo("denylist_match");
    assertThat(denial("/etc/hostname")).isEqualTo("denylist_match");
    assertThat(denial("/proc/self/status")).isEqualTo("denylist_match");
    assertThat(denial("~/.ssh/id_rsa")).isEqualTo("denylist_match");
    assertThat(denial(tmp.resolve("outside.txt").toString())).isEqualTo("absolute_path_not_allowlisted");
    assertThat(denial("../sibling/x")).isEqualTo("absolute_path_not_allowlisted");
    assertThat(denial("docs/system_design.md")).isEqualTo("Success");
    assertThat(denial(".env.example")).isEqualTo("Success");
    assertThat(denial(repo.resolve("docs/system_design.md").toString())).isEqualTo("Success");
    Outcome missing = read("nope.txt", new Spec.ScanOnly());
    assertThat(missing).isInstanceOf(Failed.class);
    assertThat(((Failed) missing).error()).isEqualTo("file not found");
    assertThat(((Failed) missing).repoRelativePath()).isEqualTo("nope.txt");
  }

  @Test
  void symlinksAreResolvedBeforeThePolicy() throws IOException {
    Files.writeString(tmp.resolve("outside.txt"), "x");
    write(".git/config", "[core]");
    write("real.txt", "ok");
    Files.createSymbolicLink(repo.resolve("escape.txt"), tmp.resolve("outside.txt"));
    Files.createSymbolicLink(repo.resolve("innocent"), repo.resolve(".git/config"));
    Files.createSymbolicLink(repo.resolve("inside-link"), repo.resolve("real.txt"));
    Files.createSymbolicLink(repo.resolve("dirlink"), tmp);
    assertThat(denial("escape.txt")).isEqualTo("absolute_path_not_allowlisted");
    assertThat(denial("dirlink/outside.txt")).isEqualTo("absolute_path_not_allowlisted");
    assertThat(denial("innocent")).isEqualTo("denylist_match");
    Success s = ok("inside-link", new Spec.ScanOnly());
    assertThat(s.scan().repoRelativePath()).isEqualTo("real.txt");
  }

  @Test
  void repositoryConfigReplacesTheDenylistAndAllowsAbsolutePaths() throws IOException {
    Path shared = Files.createDirectories(tmp.resolve("shared")).toRealPath();
    Files.writeString(shared.resolve("doc.txt"), "x");
    write("secret.pem", "k");
    write(".scribe/sentinel/sentinel_config.yaml", "allowlist:\n  - " + shared + "\ndenylist:\n  - '*.pem'\n");
    assertThat(denial(shared.resolve("doc.txt").toString())).isEqualTo("Success");
    assertThat(denial("secret.pem")).isEqualTo("denylist_match");
    write(".env", "x");
    assertThat(denial(".env")).isEqualTo("Success");
  }

  @Test
  void rootsMustBeAbsoluteExistingDirectories() throws IOException {
    assertThat(files.checkRoot("rel/path")).isInstanceOf(dev.scribe.tools.ports.RepositoryFiles.RootCheck.Bad.class);
    assertThat(files.checkRoot(tmp.resolve("nope").toString())).isInstanceOf(dev.scribe.tools.ports.RepositoryFiles.RootCheck.Bad.class);
    Files.createSymbolicLink(tmp.resolve("link"), repo);
    assertThat(files.checkRoot(tmp.resolve("link").toString()))
        .isEqualTo(new dev.scribe.tools.ports.RepositoryFiles.RootCheck.Ok(repo.toString()));
  }
}
