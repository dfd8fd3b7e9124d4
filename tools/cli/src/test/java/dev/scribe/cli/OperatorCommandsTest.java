package dev.scribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.server.ScribeServer;
import dev.scribe.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands of tools/scribe on a real data directory (Chronicle log on disk). */
@Timeout(180)
class OperatorCommandsTest {
  private static final String SESSION = "0123456789abcdef0123456789abcdef";

  private static void seed(Path data, int calls) {
    try (ScribeServer server =
        ScribeServer.start(ServerConfig.defaults(data).withPort(0))) {
      EventCodec codec = new EventCodec();
      server.log().append(AppendRequest.of(codec.toNew(
          new SessionOpened(SESSION, "http", "cli-test", "1", "2025-11-25"),
          Streams.session(SESSION), SESSION, "")));
      for (int i = 0; i < calls; i++) {
        server.log().append(AppendRequest.of(codec.toNew(
            new ToolInvoked("health_check", "{\"marker\":\"CALL-" + i + "\"}", "ok", null, 10 + i),
            Streams.calls(SESSION), SESSION, "exec-" + i)));
      }
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ScribeMain.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void replay_prints_a_sessions_calls_in_order_as_text_or_json(@TempDir Path data) {
    seed(data, 3);

    Run text = run("replay", "--data", data.toString(), "--session", SESSION);
    assertThat(text.code()).as(text.err()).isZero();
    List<String> lines = text.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("SessionOpened").contains("cli-test");
    assertThat(lines.get(3)).contains("ToolInvoked").contains("exec=exec-2").contains("CALL-2");

    Run json = run("replay", "--data", data.toString(), "--session", SESSION, "--json");
    assertThat(json.out().lines()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("{\"envelopeVersion\":1"));

    Run none = run("replay", "--data", data.toString(), "--session", "nope");
    assertThat(none.code()).isEqualTo(1);
  }

  @Test
  void export_writes_every_event_as_one_json_line(@TempDir Path data) {
    seed(data, 2);
    Run r = run("export", "--data", data.toString(), "--format", "jsonl");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).hasSize(3);
  }

  @Test
  void verify_passes_on_an_intact_log_and_rebuild_succeeds(@TempDir Path data) {
    seed(data, 5);
    Run v = run("verify", "--data", data.toString());
    assertThat(v.code()).as(v.out()).isZero();
    assertThat(v.out()).contains("log: intact, 6 events").contains("verify: OK");

    Run rb = run("rebuild", "--data", data.toString());
    assertThat(rb.code()).as(rb.out()).isZero();
    assertThat(rb.out()).contains("rebuild: done, 6 events");
  }

  @Test
  void verify_names_the_first_damaged_position_and_exits_1(@TempDir Path data) throws IOException {
    seed(data, 5);
    flipByteOf(data.resolve("log"), "CALL-3");

    Run v = run("verify", "--data", data.toString());

    assertThat(v.code()).isEqualTo(1);
    assertThat(v.out()).contains("first bad position: 5").contains("DAMAGE FOUND");
  }

  @Test
  void commands_refuse_a_data_directory_a_server_is_using(@TempDir Path data) {
    seed(data, 1);
    try (ScribeServer server = ScribeServer.start(ServerConfig.defaults(data).withPort(0))) {
      Run v = run("verify", "--data", data.toString());
      assertThat(v.code()).isEqualTo(1);
      assertThat(v.err()).contains("in use by another process").contains("pid " + ProcessHandle.current().pid());
    }
  }

  /** Flips one byte of the first stored occurrence of {@code marker} in the queue files. */
  private static void flipByteOf(Path logDir, String marker) throws IOException {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".cq4")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
          if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
              raf.seek(i + needle.length - 1);
              raf.write(bytes[i + needle.length - 1] ^ 0x01);
            }
            return;
          }
        }
      }
    }
    throw new AssertionError("marker " + marker + " not found in " + logDir);
  }
}
