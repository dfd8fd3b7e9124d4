/**
 * Scribe's read models (views) that tool handlers query. Each is a projection of the event log
 * and can be rebuilt from position 0 with an identical result.
 */
@NullMarked
package dev.scribe.projections.views;

import org.jspecify.annotations.NullMarked;
