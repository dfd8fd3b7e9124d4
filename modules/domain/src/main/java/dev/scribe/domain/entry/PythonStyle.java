package dev.scribe.domain.entry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders values the way the Python server put them into Markdown meta, so lines stay
 * comparable with existing logs: {@code json.dumps(v, sort_keys=True)} for lists and objects
 * ({@code ", "} and {@code ": "} separators, non-ASCII as {@code \\uXXXX}), {@code True}/{@code
 * False}/{@code None} for scalars, Python's float repr for numbers.
 */
public final class PythonStyle {
  private PythonStyle() {}

  /**
   * A meta value as text: strings as they are, booleans {@code True}/{@code False}, null {@code
   * None}, numbers as Python prints them, lists and maps as sorted-key JSON.
   */
  public static String metaValue(@Nullable Object v) {
    if (v == null) return "None";
    if (v instanceof String s) return s;
    if (v instanceof Boolean b) return b ? "True" : "False";
    if (v instanceof Number n) return number(n);
    return json(v);
  }

  /** {@code json.dumps(v, sort_keys=True)}. */
  public static String json(@Nullable Object v) {
    StringBuilder b = new StringBuilder();
    writeJson(b, v);
    return b.toString();
  }

  /** A number as Python's {@code repr} prints it (ints without a point, floats with one). */
  public static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) return "NaN";
      if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
      if (d == Math.rint(d) && Math.abs(d) < 1e16) return ((long) d) + ".0";
      String s = Double.toString(d);
      if (s.contains("E")) {
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
          return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
      }
      return s;
    }
    if (n instanceof BigDecimal bd) return bd.toPlainString();
    return n.toString();
  }

  private static void writeJson(StringBuilder b, @Nullable Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      writeString(b, s);
    } else if (v instanceof Boolean bool) {
      b.append(bool ? "true" : "false");
    } else if (v instanceof Number n) {
      b.append(number(n));
    } else if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) b.append(", ");
        first = false;
        writeString(b, e.getKey());
        b.append(": ");
        writeJson(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) b.append(", ");
        writeJson(b, l.get(i));
      }
      b.append(']');
    } else {
      writeString(b, v.toString());
    }
  }

  private static void writeString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }
}
