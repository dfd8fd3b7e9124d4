package dev.scribe.server.tools.query;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.Streams;
import dev.scribe.domain.entry.Status;
import dev.scribe.domain.entry.Timestamps;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.server.testing.McpTestClient;
import dev.scribe.server.testing.ScribeTestServer;
import dev.scribe.server.testing.ToolReply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Writes the events set_project and append_entry write (schema-checked by the test server's log),
 * so query_entries is tested on exactly the entries a test needs: chosen times, statuses, meta.
 */
final class Entries {
  private static final EventCodec CODEC = new EventCodec();
  private static final AtomicInteger IDS = new AtomicInteger();

  private final ScribeTestServer server;
  private final Path root;

  Entries(ScribeTestServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  private void append(ScribeEvent e, String stream, String session) {
    server.log().append(AppendRequest.of(CODEC.toNew(e, stream, session, "")));
  }

  /** Registers {@code name} and binds {@code client}'s session to it. */
  void bind(McpTestClient client, String name) {
    register(name);
    String session = client.sessionId();
    append(new ProjectBound(session, name), Streams.binding(session), session);
  }

  void register(String name) {
    Path dir = root.resolve(name.replace(' ', '_'));
    Path docs = dir.resolve(".scribe/docs/dev_plans").resolve(name.replace(' ', '_'));
    append(
        new ProjectRegistered(
            name, name.replace(' ', '_'), dir.toString(), docs.toString(),
            docs.resolve("PROGRESS_LOG.md").toString(), Map.of(), "test", null, List.of()),
        Streams.PROJECTS, "");
  }

  /** An entry builder. */
  Entry entry(String project, String message) {
    return new Entry(project, message);
  }

  final class Entry {
    private final String project;
    private final String message;
    private @Nullable Status status = Status.INFO;
    private String emoji = Status.INFO.emoji();
    private String agent = "A";
    private Instant time = Instant.parse("2025-01-01T12:00:00Z");
    private final List<MetaPair> meta = new ArrayList<>();
    private String priority = "low";
    private @Nullable String category;
    private @Nullable Double confidence;

    Entry(String project, String message) {
      this.project = project;
      this.message = message;
    }

    Entry status(Status s) {
      status = s;
      emoji = s.emoji();
      priority = s.inferredPriority().wireName();
      return this;
    }

    Entry agent(String a) {
      agent = a;
      return this;
    }

    Entry at(String iso) {
      time = Instant.parse(iso);
      return this;
    }

    Entry meta(String k, String v) {
      meta.add(new MetaPair(k, v));
      return this;
    }

    Entry priority(String p) {
      priority = p;
      return this;
    }

    Entry category(String c) {
      category = c;
      return this;
    }

    Entry confidence(double c) {
      confidence = c;
      return this;
    }

    void append(McpTestClient by) {
      List<MetaPair> line = new ArrayList<>(meta);
      line.add(new MetaPair("priority", priority));
      if (category != null) line.add(new MetaPair("category", category));
      line.add(new MetaPair("log_type", "progress"));
      line.add(new MetaPair("content_type", "log"));
      EntryAppended e =
          new EntryAppended(
              String.format("%032x", IDS.incrementAndGet()), project, "progress", List.of(),
              Timestamps.format(time), time.toEpochMilli(), emoji,
              status == null ? null : status.wireName(), agent, message, line, priority, category,
              List.of(), confidence, "0".repeat(64));
      Entries.this.append(e, Streams.project(project), by.sessionId());
    }
  }

  /** The {@code message} of every entry in a reply, in order. */
  static List<String> messages(ToolReply r) {
    List<String> out = new ArrayList<>();
    r.at("/entries").forEach(e -> out.add(e.path("message").asText()));
    return out;
  }
}
