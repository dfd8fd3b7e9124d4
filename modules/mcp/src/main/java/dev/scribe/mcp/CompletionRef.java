package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

/** What a {@code completion/complete} request completes an argument of. */
public sealed interface CompletionRef {

  /** {@code {"type":"ref/prompt","name":...}}: an argument of a prompt. */
  record PromptRef(String name) implements CompletionRef {
    public PromptRef {
      requireNonNull(name, "name");
    }
  }

  /** {@code {"type":"ref/resource","uri":...}}: a variable of a resource template. */
  record ResourceRef(String uri) implements CompletionRef {
    public ResourceRef {
      requireNonNull(uri, "uri");
    }
  }
}
