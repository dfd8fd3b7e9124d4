/**
 * An example event-bus consumer: {@link EntriesPerProject} counts entries per project from the
 * whole log, catching up first and then following live events; {@link EntriesPerProjectDemo} runs
 * it against an in-memory log. See {@code docs/event-bus.md}.
 */
@NullMarked
package dev.scribe.example;

import org.jspecify.annotations.NullMarked;
