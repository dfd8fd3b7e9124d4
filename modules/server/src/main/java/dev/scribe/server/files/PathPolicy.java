package dev.scribe.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which paths {@code read_file} may read (reference §3.9, with its substring bug fixed).
 *
 * <ol>
 *   <li>The path is made absolute against the repository root, {@code ..} is resolved and then
 *       every symlink (of the longest existing prefix), so neither traversal nor a link can hide
 *       where the read really goes.
 *   <li>Denylist, by <b>path component</b>: a pattern without a leading {@code /} or {@code ~/}
 *       ({@code .env}, {@code .git/}, {@code .scribe/registry/}) matches a run of whole components
 *       (globs allowed per component) of the path relative to the repository root — or of the
 *       absolute path when the file is outside it; {@code /etc}, {@code /proc}, {@code /sys} and
 *       {@code ~/.ssh} match absolute prefixes, component-wise. So {@code docs/system_design.md}
 *       is not {@code /sys} and {@code .env.example} is not {@code .env}. Both the path as written
 *       (normalised) and its real path are checked.
 *   <li>The repository root (by real path) is allowed; any other path only when allow-listed
 *       (absolute prefixes or globs from {@code .scribe/sentinel/sentinel_config.yaml}).
 * </ol>
 */
final class PathPolicy {
  static final List<String> DEFAULT_DENYLIST =
      List.of(".env", ".git/", ".scribe/registry/", "~/.ssh", "/etc", "/proc", "/sys");

  private final Path home;

  PathPolicy(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  /** Where a requested path leads, and whether it may be read. */
  record Decision(
      Path real, @Nullable String repoRelative, Optional<String> denial) {}

  Decision check(Path root, String requested, List<String> denylist, List<String> allowlist) {
    Path lexical = lexical(root, requested);
    Path real = realOf(lexical);
    String rel = relative(root, real);
    String lexRel = relative(root, lexical);
    if (denied(denylist, lexical, lexRel) || denied(denylist, real, rel)) {
      return new Decision(real, rel, Optional.of("denylist_match"));
    }
    if (rel != null) return new Decision(real, rel, Optional.empty());
    for (String a : allowlist) {
      if (matchesAbsolute(expand(a), real)) return new Decision(real, null, Optional.empty());
    }
    return new Decision(real, null, Optional.of("absolute_path_not_allowlisted"));
  }

  Path lexical(Path root, String requested) {
    String r = requested;
    Path p;
    if (r.equals("~")) p = home;
    else if (r.startsWith("~/")) p = home.resolve(r.substring(2));
    else p = Path.of(r);
    return (p.isAbsolute() ? p : root.resolve(p)).normalize();
  }

  /** The real path of the longest existing prefix of {@code p}, with the rest appended. */
  static Path realOf(Path p) {
    Path existing = p;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      if (existing.getFileName() != null) rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) return p;
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      // a dangling link: keep the lexical path (it will be reported missing)
      real = existing;
    }
    for (Path r : rest) real = real.resolve(r.toString());
    return real.normalize();
  }

  static @Nullable String relative(Path root, Path p) {
    if (!p.startsWith(root)) return null;
    Path r = root.relativize(p);
    if (r.toString().isEmpty()) return ".";
    return r.toString().replace('\\', '/');
  }

  private boolean denied(List<String> denylist, Path abs, @Nullable String rel) {
    for (String pattern : denylist) {
      String pat = pattern.trim();
      if (pat.isEmpty()) continue;
      if (pat.startsWith("/") || pat.startsWith("~")) {
        if (matchesAbsolute(expand(pat), abs)) return true;
      } else {
        List<String> components = rel != null ? split(rel) : components(abs);
        if (containsRun(components, split(pat))) return true;
      }
    }
    return false;
  }

  private String expand(String pattern) {
    if (pattern.equals("~")) return home.toString();
    if (pattern.startsWith("~/")) return home.resolve(pattern.substring(2)).toString();
    return pattern;
  }

  /** Whether {@code p} is at or below the absolute pattern (component-wise, globs per component). */
  private static boolean matchesAbsolute(String pattern, Path p) {
    List<String> pat = split(pattern);
    List<String> comps = components(p);
    if (pat.size() > comps.size()) return false;
    for (int i = 0; i < pat.size(); i++) if (!glob(pat.get(i), comps.get(i))) return false;
    return true;
  }

  private static boolean containsRun(List<String> comps, List<String> pat) {
    if (pat.isEmpty()) return false;
    for (int i = 0; i + pat.size() <= comps.size(); i++) {
      boolean all = true;
      for (int j = 0; j < pat.size() && all; j++) all = glob(pat.get(j), comps.get(i + j));
      if (all) return true;
    }
    return false;
  }

  private static List<String> components(Path p) {
    List<String> out = new ArrayList<>();
    for (Path c : p) out.add(c.toString());
    return out;
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String c : s.split("/")) if (!c.isEmpty() && !c.equals(".")) out.add(c);
    return out;
  }

  /** fnmatch for one component: {@code *}, {@code ?} and {@code [...]}; anything else literal. */
  static boolean glob(String pattern, String name) {
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
      return pattern.equals(name);
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int close = pattern.indexOf(']', i + 1);
          if (close < 0) re.append("\\[");
          else {
            String body = pattern.substring(i + 1, close).replace("\\", "\\\\");
            if (body.startsWith("!")) body = "^" + body.substring(1);
            re.append('[').append(body).append(']');
            i = close;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(re.toString(), name);
  }
}
