package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.ScribeEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Builds a {@link Fold} from one handler per event type, e.g. {@code Fold.startingWith(View.EMPTY)
 * .on(EntryAppended.class, View::withEntry).build()}. Types without a handler leave the state
 * unchanged. Not thread-safe; the built fold is.
 */
public final class FoldBuilder<S> {

  /** A handler that also needs the envelope (position, session id, recorded time). */
  @FunctionalInterface
  public interface RecordedHandler<S, E extends ScribeEvent> {
    S apply(S state, E event, RecordedEvent recorded);
  }

  private final S initial;
  private final Map<Class<?>, RecordedHandler<S, ScribeEvent>> handlers = new HashMap<>();

  FoldBuilder(S initial) {
    this.initial = requireNonNull(initial, "initial");
  }

  /** Handles events of {@code type} with {@code (state, event) -> next state}. */
  public <E extends ScribeEvent> FoldBuilder<S> on(Class<E> type, BiFunction<S, E, S> handler) {
    requireNonNull(handler, "handler");
    return onRecorded(type, (s, e, r) -> handler.apply(s, e));
  }

  /** Handles events of {@code type} with {@code (state, event, envelope) -> next state}. */
  public <E extends ScribeEvent> FoldBuilder<S> onRecorded(
      Class<E> type, RecordedHandler<S, E> handler) {
    requireNonNull(type, "type");
    requireNonNull(handler, "handler");
    if (handlers.containsKey(type)) {
      throw new IllegalArgumentException("a handler for " + type.getSimpleName() + " exists");
    }
    handlers.put(type, (s, e, r) -> handler.apply(s, type.cast(e), r));
    return this;
  }

  public Fold<S> build() {
    Map<Class<?>, RecordedHandler<S, ScribeEvent>> byType = Map.copyOf(handlers);
    S start = initial;
    Optional<Set<String>> types =
        Optional.of(
            byType.keySet().stream().map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet()));
    return new Fold<>() {
      @Override
      public S initial() {
        return start;
      }

      @Override
      public Optional<Set<String>> eventTypes() {
        return types;
      }

      @Override
      public S apply(S state, RecordedEvent event) {
        RecordedHandler<S, ScribeEvent> h = byType.get(event.event().getClass());
        return h == null ? state : h.apply(state, event.event(), event);
      }
    };
  }
}
