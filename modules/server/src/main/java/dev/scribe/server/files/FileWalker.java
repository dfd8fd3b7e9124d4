package dev.scribe.server.files;

import dev.scribe.tools.ports.RepositoryFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One streaming pass over a file in 64 KiB blocks: it hashes, counts and classifies the bytes and
 * cuts them into <em>pieces</em> — a line, or a part of a line longer than {@link
 * RepositoryFiles#CHUNK_BYTES} (cut on a UTF-8 character boundary) — which it hands to a {@link
 * Sink} together with their chunk. Memory is one block plus one piece, whatever the file's size.
 *
 * <p>Chunking (deterministic): a chunk ends after its 200th line end, or before a piece that would
 * take it over 128 KiB. So a chunk is never larger than 128 KiB and a file of ordinary lines is
 * cut every 200 lines, as the reference does.
 */
final class FileWalker {
  static final int BLOCK = 64 * 1024;
  static final int ENCODING_PROBE = 4096;

  /** Receives the pieces in file order. */
  interface Sink {
    /**
     * A piece: {@code buf[0..len)} starting at {@code byteStart}, part of line {@code line}
     * (1-based), in chunk {@code chunk}; {@code endsLine} when it ends its line.
     */
    void piece(long chunk, long line, long byteStart, byte[] buf, int len, boolean endsLine);

    /** Called once, before the first piece: whether the content decodes as UTF-8 (else Latin-1). */
    default void begin(boolean utf8) {}

    /** Chunk {@code chunk} is complete. */
    default void chunkEnd(long chunk, long lineStart, long lineEnd, long byteStart, long byteEnd) {}
  }

  /** The facts of the pass (the scan without paths). */
  record Facts(long byteSize, long lineCount, String sha256, String newlineType, String encoding, long chunkCount) {}

  private FileWalker() {}

  static Facts walk(Path file, Sink sink) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size = Files.size(file);
    byte[] block = new byte[BLOCK];
    byte[] piece = new byte[RepositoryFiles.CHUNK_BYTES];
    int pieceLen = 0;
    long pieceStart = 0;
    long offset = 0;
    long line = 1;
    long lf = 0;
    long crlf = 0;
    byte last = 0;
    boolean utf8 = true;
    boolean first = true;
    Chunker chunker = new Chunker(sink);
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
        sha.update(block, 0, n);
        if (first) {
          utf8 = isUtf8(block, Math.min(n, ENCODING_PROBE), size <= ENCODING_PROBE);
          sink.begin(utf8);
          first = false;
        }
        int p = 0;
        while (p < n) {
          int q = p;
          while (q < n && block[q] != '\n') q++;
          boolean newline = q < n;
          int end = newline ? q + 1 : n;
          if (newline) {
            byte before = q > 0 ? block[q - 1] : last;
            if (before == '\r') crlf++;
            else lf++;
          }
          // append block[p..end) to the piece
          int from = p;
          while (from < end) {
            if (pieceLen == piece.length) {
              // cut lazily, only when more bytes need room: the cut depends on the content alone
              int cut = utf8 ? utf8Cut(piece, pieceLen) : pieceLen;
              chunker.piece(line, pieceStart, piece, cut, false);
              pieceStart += cut;
              int rest = pieceLen - cut;
              System.arraycopy(piece, cut, piece, 0, rest);
              pieceLen = rest;
            }
            int take = Math.min(piece.length - pieceLen, end - from);
            System.arraycopy(block, from, piece, pieceLen, take);
            pieceLen += take;
            from += take;
          }
          if (newline) {
            chunker.piece(line, pieceStart, piece, pieceLen, true);
            pieceStart += pieceLen;
            pieceLen = 0;
            line++;
          }
          p = end;
        }
        last = block[n - 1];
        offset += n;
      }
    }
    long lines = lf + crlf;
    if (pieceLen > 0) {
      chunker.piece(line, pieceStart, piece, pieceLen, true);
      lines++;
    }
    chunker.finish();
    String newlineType = lf > 0 && crlf > 0 ? "mixed" : lf > 0 ? "LF" : crlf > 0 ? "CRLF" : "unknown";
    return new Facts(
        offset, lines, HexFormat.of().formatHex(sha.digest()), newlineType,
        utf8 ? "utf-8" : "latin-1", chunker.chunks());
  }

  /** Whether the probe decodes as UTF-8 (an incomplete last character is fine unless it is the whole file). */
  static boolean isUtf8(byte[] b, int len, boolean endOfInput) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, 0, len);
    try {
      java.nio.CharBuffer out = java.nio.CharBuffer.allocate(len + 1);
      var r = d.decode(in, out, endOfInput);
      if (r.isError()) return false;
      if (endOfInput) {
        r = d.flush(out);
        return !r.isError();
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The largest cut ≤ len that does not split a UTF-8 character (len if none is split). */
  static int utf8Cut(byte[] b, int len) {
    int i = len - 1;
    while (i > 0 && i > len - 4 && (b[i] & 0xC0) == 0x80) i--;
    int lead = b[i] & 0xFF;
    int need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    int cut = i + need > len ? i : len;
    return cut == 0 ? len : cut;
  }


  /** Groups pieces into chunks (see the class comment) and tells the sink. */
  private static final class Chunker {
    private final Sink sink;
    private long chunk = 0;
    private long bytes = 0;
    private int lineEnds = 0;
    private long lineStart = 1;
    private long lineEnd = 0;
    private long byteStart = 0;
    private long byteEnd = 0;
    private boolean open = false;

    Chunker(Sink sink) {
      this.sink = sink;
    }

    void piece(long line, long start, byte[] buf, int len, boolean endsLine) {
      if (open && bytes + len > RepositoryFiles.CHUNK_BYTES) close();
      if (!open) {
        open = true;
        lineStart = line;
        byteStart = start;
        bytes = 0;
        lineEnds = 0;
      }
      sink.piece(chunk, line, start, buf, len, endsLine);
      bytes += len;
      lineEnd = line;
      byteEnd = start + len;
      if (endsLine && ++lineEnds == RepositoryFiles.CHUNK_LINES) close();
    }

    private void close() {
      sink.chunkEnd(chunk, lineStart, lineEnd, byteStart, byteEnd);
      chunk++;
      open = false;
    }

    void finish() {
      if (open) close();
    }

    long chunks() {
      return chunk;
    }
  }
}
