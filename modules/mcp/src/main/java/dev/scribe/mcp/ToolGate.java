package dev.scribe.mcp;

import java.util.Optional;

/**
 * Decides whether a session may call a tool at all, before its arguments are validated: a refusal
 * must not depend on whether the arguments happen to be valid (a refused call is still refused,
 * and whatever the gate records about it is still recorded). {@link #refusal} runs on the tool
 * executor; {@link #refusalAtOnce} on the transport's thread.
 */
@FunctionalInterface
public interface ToolGate {

  /** Lets every call through, at once. */
  ToolGate OPEN =
      new ToolGate() {
        @Override
        public Optional<ToolResult> refusal(ToolCall call) {
          return Optional.empty();
        }

        @Override
        public AtOnce refusalAtOnce(ToolCall call) {
          return new AtOnce.Answer(Optional.empty());
        }
      };

  /**
   * A refusal for {@code call} (whose arguments are not validated yet), or empty to go on with
   * validation and the handler. May wait and may write.
   */
  Optional<ToolResult> refusal(ToolCall call);

  /**
   * {@link #refusal}'s answer if the gate can give it without waiting (for a view to catch up)
   * and without writing, for a call the engine would run on the transport's thread ({@link
   * ToolHandler#neverBlocks}); {@link AtOnce.NotAtOnce} otherwise, and the call then goes to the
   * executor and meets {@link #refusal} there. By default the gate never answers at once.
   */
  default AtOnce refusalAtOnce(ToolCall call) {
    return AtOnce.NotAtOnce.INSTANCE;
  }

  /** What {@link #refusalAtOnce} found. */
  sealed interface AtOnce {
    /** The answer {@link #refusal} would give: a refusal, or empty to go on. */
    record Answer(Optional<ToolResult> refusal) implements AtOnce {}

    /** The answer needs waiting or writing. */
    enum NotAtOnce implements AtOnce {
      INSTANCE
    }
  }
}
