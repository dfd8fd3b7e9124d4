/**
 * The projection runtime: every piece of Scribe's state is a projection of the event log, and this
 * package runs them.
 *
 * <p>A {@link Projection} owns its state and its {@link Checkpoint} — the position of the last
 * event it has <em>applied</em>, stored atomically with the state that position describes (never a
 * "read" position, which a crash could leave ahead of the state). The {@link ProjectionRunner}
 * gives each projection its own log subscription and thread, so one slow or failing projection
 * never stalls another; it checkpoints every N events and when idle, reports a {@link
 * ProjectionStatus} per projection, lets a caller wait until its own write is visible ({@link
 * ProjectionRunner#awaitApplied}) and rebuilds any projection from position 0.
 *
 * <p>Two flavours: pure in-memory folds ({@link Fold} run by a {@link FoldProjection}, optionally
 * snapshotted through a {@link StateCodec}) and side-effecting projections (a Lucene index,
 * Markdown files) that implement {@link Projection} directly with their own atomic checkpoint, for
 * which {@link CheckpointFile} and {@link DurableFiles} provide the file mechanics.
 */
@NullMarked
package dev.scribe.projections;

import org.jspecify.annotations.NullMarked;
