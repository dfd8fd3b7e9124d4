package dev.scribe.codec.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published-version guard: {@code event-schema/published.sha256} holds the SHA-256 of every
 * schema file, and a published file never changes.
 */
class PublishedSchemasTest {
  private static final String RULE =
      "A published schema version is never edited in place (readers of old logs and other"
          + " implementations rely on it). Revert the change; to change the schema, add a new"
          + " version instead: a new file <Name>.v<N+1>.schema.json, its line in"
          + " event-schema/published.sha256 (`sha256sum <file> >> published.sha256`), and record +"
          + " codec support for the new version. See event-schema/README.md.";

  private static Path sourceDir() {
    return SchemaResources.sourceDir()
        .orElseGet(() -> fail("event-schema/ not found from scribe.repo.dir or the working directory; the"
            + " published-version guard must run inside the repository"));
  }

  private static Map<String, String> published() throws IOException {
    Path catalog = sourceDir().resolve(EventSchemaValidator.CATALOG);
    return EventSchemaValidator.parseCatalog(Files.readString(catalog), catalog.toString());
  }

  private static String sha256(byte[] bytes) {
    MessageDigest d = dev.scribe.eventlog.RecordFormat.sha256();
    return HexFormat.of().formatHex(d.digest(bytes));
  }

  @Test
  void no_published_schema_has_changed() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : published().entrySet()) {
      Path file = sourceDir().resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        problems.add("event-schema/" + e.getKey() + " was published but is gone.");
        continue;
      }
      String actual = sha256(Files.readAllBytes(file));
      if (!actual.equals(e.getValue())) {
        problems.add("event-schema/" + e.getKey() + " changed after it was published (sha256 "
            + e.getValue() + " when published, " + actual + " now).");
      }
    }
    if (!problems.isEmpty()) fail(String.join("\n", problems) + "\n" + RULE);
  }

  @Test
  void every_schema_file_is_listed_as_published() throws IOException {
    Path dir = sourceDir();
    Map<String, String> published = published();
    List<String> unlisted;
    try (Stream<Path> files = Files.walk(dir)) {
      unlisted =
          files
              .filter(p -> !p.startsWith(dir.resolve("target")))
              .filter(p -> p.getFileName().toString().endsWith(".schema.json"))
              .map(p -> dir.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !published.containsKey(p))
              .sorted()
              .toList();
    }
    if (!unlisted.isEmpty()) {
      fail("Schema files not listed in event-schema/published.sha256: %s. Every schema file is a"
          + " published version: add its line (`cd event-schema && sha256sum %s >> published.sha256`)"
          + " in the same commit that adds the file.", unlisted, String.join(" ", unlisted));
    }
  }

  @Test
  void the_packaged_schemas_are_the_published_bytes() throws IOException {
    Map<String, String> source = published();
    assertThat(EventSchemaValidator.readCatalog())
        .as("published.sha256 on the classpath (rebuild event-schema if this fails)")
        .isEqualTo(source);
    for (Map.Entry<String, String> e : source.entrySet()) {
      assertThat(sha256(SchemaResources.classpathBytes(e.getKey())))
          .as("classpath copy of event-schema/%s", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void the_catalog_rejects_lines_that_are_not_sha256sum_output() {
    String hash = "ab".repeat(32);
    assertThat(EventSchemaValidator.parseCatalog(hash + "  events/A.v1.schema.json\n", "t")).containsOnlyKeys("events/A.v1.schema.json");
    for (String bad : List.of(hash + " events/A.v1.schema.json", "abc  events/A.v1.schema.json",
        hash.toUpperCase() + "  x", hash + "  a\n" + hash + "  a")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventSchemaValidator.parseCatalog(bad, "t"))
          .as(bad)
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
