package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code completion/complete} result.
 *
 * @param values at most {@value #MAX_VALUES} suggestions (the protocol's limit)
 * @param total how many suggestions exist in all, if known
 * @param hasMore true if there are more than {@code values}
 */
public record Completion(List<String> values, @Nullable Integer total, boolean hasMore) {
  public static final int MAX_VALUES = 100;

  /** No suggestions. */
  public static final Completion EMPTY = new Completion(List.of(), null, false);

  public Completion {
    values = List.copyOf(values);
    if (values.size() > MAX_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_VALUES + " completion values");
    }
  }

  /** The first {@value #MAX_VALUES} of {@code all}, with the total and whether more exist. */
  public static Completion of(List<String> all) {
    requireNonNull(all, "all");
    boolean more = all.size() > MAX_VALUES;
    return new Completion(more ? all.subList(0, MAX_VALUES) : all, all.size(), more);
  }

  ObjectNode toJson() {
    ObjectNode result = McpJson.object();
    ObjectNode c = result.putObject("completion");
    ArrayNode v = c.putArray("values");
    values.forEach(v::add);
    if (total != null) {
      c.put("total", total);
    }
    c.put("hasMore", hasMore);
    return result;
  }
}
