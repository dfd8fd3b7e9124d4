package dev.scribe.codec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The schema module's files, from the classpath (as packaged) and from the source tree. */
final class SchemaResources {
  private SchemaResources() {}

  /** The bytes of {@code event-schema/<path>} as packaged on the classpath. */
  static byte[] classpathBytes(String path) {
    String resource = EventSchemaValidator.CLASSPATH_ROOT + path;
    try (InputStream in = SchemaResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new AssertionError(resource + " is not on the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code event-schema/<path>} from the classpath, parsed. */
  static JsonNode classpathJson(String path) {
    try {
      return Json.mapper().readTree(classpathBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("event-schema/" + path + " is not JSON", e);
    }
  }

  /**
   * The {@code event-schema/} directory of the source tree: from the {@code scribe.repo.dir}
   * property surefire sets, else the first parent of the working directory that has one.
   */
  static Optional<Path> sourceDir() {
    String repo = System.getProperty("scribe.repo.dir");
    if (repo != null && Files.isRegularFile(Path.of(repo, "event-schema", EventSchemaValidator.CATALOG))) {
      return Optional.of(Path.of(repo, "event-schema"));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("event-schema").resolve(EventSchemaValidator.CATALOG))) {
        return Optional.of(p.resolve("event-schema"));
      }
    }
    return Optional.empty();
  }
}
