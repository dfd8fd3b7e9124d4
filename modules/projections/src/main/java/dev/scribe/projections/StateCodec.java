package dev.scribe.projections;

/**
 * Turns a fold's state into snapshot bytes and back, so a {@link FoldProjection} can resume from
 * its checkpoint instead of replaying from position 0. A decode failure (corrupt bytes, a format
 * from another version) is not fatal: the projection starts from position 0 and rebuilds.
 */
public interface StateCodec<S> {

  byte[] encode(S state);

  /** The state encoded in {@code bytes}; throws a {@link RuntimeException} if they are unusable. */
  S decode(byte[] bytes);
}
