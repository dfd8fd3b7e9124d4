package dev.scribe.server.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's read policy overrides: {@code <repo>/.scribe/sentinel/sentinel_config.yaml} with
 * {@code allowlist} and {@code denylist} lists. A denylist given there replaces the default (as in
 * the reference); an unreadable file is an error, never a silently open policy.
 */
record SentinelConfig(List<String> denylist, List<String> allowlist) {
  static final String FILE = ".scribe/sentinel/sentinel_config.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  static SentinelConfig load(Path root) throws IOException {
    Path f = root.resolve(FILE);
    if (!Files.isRegularFile(f)) return new SentinelConfig(PathPolicy.DEFAULT_DENYLIST, List.of());
    JsonNode n = YAML.readTree(f.toFile());
    if (n == null || n.isMissingNode() || n.isNull()) {
      return new SentinelConfig(PathPolicy.DEFAULT_DENYLIST, List.of());
    }
    if (!n.isObject()) throw new IOException(FILE + " must be a mapping");
    List<String> deny = list(n, "denylist").orElse(PathPolicy.DEFAULT_DENYLIST);
    List<String> allow = list(n, "allowlist").orElse(List.of());
    return new SentinelConfig(deny, allow);
  }

  private static Optional<List<String>> list(JsonNode n, String key) throws IOException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isArray()) throw new IOException(FILE + ": " + key + " must be a list of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) throw new IOException(FILE + ": " + key + " must be a list of strings");
      out.add(e.textValue());
    }
    return Optional.of(List.copyOf(out));
  }
}
