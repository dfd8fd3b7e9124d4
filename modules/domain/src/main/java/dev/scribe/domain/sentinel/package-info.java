/**
 * Sentinel mode, pure: which tools a mode allows, repository ids, case ids and their allocation
 * rule, the closure rule, and how {@code append_event} turns its arguments into events. JDK only;
 * the tools in {@code dev.scribe.tools.sentinel} call these and append what they decide.
 */
@NullMarked
package dev.scribe.domain.sentinel;

import org.jspecify.annotations.NullMarked;
