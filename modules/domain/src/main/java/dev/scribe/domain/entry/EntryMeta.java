package dev.scribe.domain.entry;

import dev.scribe.domain.events.MetaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the ordered meta pairs of an entry line (reference §2.3): the caller's keys sorted, then
 * {@code priority}, {@code category}, {@code tags}, {@code confidence} (when present), then {@code
 * log_type} and {@code content_type=log}. Keys and values are sanitised so they cannot break the
 * line.
 */
public final class EntryMeta {
  /** Keys Scribe sets itself; a caller's value for one of them is replaced. */
  public static final Set<String> RESERVED =
      Set.of("priority", "category", "tags", "confidence", "log_type", "content_type");

  private EntryMeta() {}

  /**
   * Key sanitising: spaces (and any other whitespace) become {@code _}, {@code |} is removed,
   * {@code =} and {@code ;} (which would split the pair) become {@code _}; an empty key becomes
   * {@code meta_key}.
   */
  public static String sanitizeKey(String key) {
    // One pass, no regex: this runs for every meta key of every entry.
    StringBuilder out = null;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      char r =
          switch (c) {
            case '|' -> 0; // removed
            case ' ', '\t', '\n', '\u000B', '\f', '\r', '=', ';' -> '_'; // regex \s, and the pair splitters
            default -> c;
          };
      if (r == c && out == null) continue;
      if (out == null) out = new StringBuilder(key.length()).append(key, 0, i);
      if (r != 0) out.append(r);
    }
    String k = out == null ? key : out.toString();
    return k.isEmpty() ? "meta_key" : k;
  }

  /** Value sanitising: newline, carriage return and {@code |} become a space. */
  public static String sanitizeValue(String value) {
    return value.replace('\n', ' ').replace('\r', ' ').replace('|', ' ');
  }

  /**
   * The caller's pairs merged (later wins), sanitised and sorted by key, reserved keys dropped.
   */
  public static List<MetaPair> userPairs(Map<String, String> raw) {
    TreeMap<String, String> sorted = new TreeMap<>();
    raw.forEach(
        (k, v) -> {
          String key = sanitizeKey(k);
          if (!RESERVED.contains(key)) sorted.put(key, sanitizeValue(v));
        });
    List<MetaPair> out = new ArrayList<>(sorted.size() + 6);
    sorted.forEach((k, v) -> out.add(new MetaPair(k, v)));
    return out;
  }

  /** The full pair list of a line written to {@code logTypeName}. */
  public static List<MetaPair> linePairs(
      List<MetaPair> userPairs,
      Priority priority,
      @Nullable Category category,
      List<String> tags,
      @Nullable Double confidence,
      String logTypeName) {
    List<MetaPair> out = new ArrayList<>(userPairs);
    out.add(new MetaPair("priority", priority.wireName()));
    if (category != null) out.add(new MetaPair("category", category.wireName()));
    if (!tags.isEmpty()) out.add(new MetaPair("tags", sanitizeValue(PythonStyle.json(tags))));
    if (confidence != null) out.add(new MetaPair("confidence", PythonStyle.number(confidence)));
    out.add(new MetaPair("log_type", logTypeName));
    out.add(new MetaPair("content_type", "log"));
    return out;
  }

  /** {@code pairs} with {@code log_type} replaced (a tee copy's line). */
  public static List<MetaPair> withLogType(List<MetaPair> pairs, String logTypeName) {
    List<MetaPair> out = new ArrayList<>(pairs.size());
    for (MetaPair p : pairs) {
      out.add(p.key().equals("log_type") ? new MetaPair("log_type", logTypeName) : p);
    }
    return out;
  }

  /** The value of {@code key}, if the pairs have it. */
  public static @Nullable String get(List<MetaPair> pairs, String key) {
    for (MetaPair p : pairs) if (p.key().equals(key)) return p.value();
    return null;
  }
}
