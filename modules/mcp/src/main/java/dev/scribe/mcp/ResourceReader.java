package dev.scribe.mcp;

import java.util.List;
import java.util.Map;

/**
 * Reads one resource. Runs on the server's executor, never on a transport's event loop. Throwing
 * {@link java.util.NoSuchElementException} answers "resource not found" ({@code -32002}), {@link
 * IllegalArgumentException} invalid params; anything else is an internal error.
 */
@FunctionalInterface
public interface ResourceReader {

  /**
   * @param uri the URI the client asked for
   * @param variables the template's variables (empty for a concrete resource), as they appear in
   *     the URI (not percent-decoded)
   */
  List<ResourceContents> read(String uri, Map<String, String> variables) throws Exception;
}
