/**
 * The Scribe tools: each handler turns a {@code tools/call}'s arguments into a command or a query,
 * asks a pure decider (domain) for the events, appends them through {@link EventWriter}, and
 * answers from the views. Handlers import no transport, no Chronicle, no Lucene and do no I/O of
 * their own; see docs/tools-design.md.
 */
@NullMarked
package dev.scribe.tools;

import org.jspecify.annotations.NullMarked;
