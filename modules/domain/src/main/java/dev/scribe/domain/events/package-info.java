/**
 * The events of the log, version 1. Each record is one event type; its simple name is the stored
 * type name, and {@code event-schema/events/<Type>.v1.schema.json} is its published schema. A
 * published version never changes in place: a new field that old readers cannot ignore means a new
 * schema version.
 *
 * <p>Envelope facts (position, stream, session, execution, recorded time, hashes) are not repeated in
 * payloads; see {@link dev.scribe.domain.RecordedEvent}.
 */
@NullMarked
package dev.scribe.domain.events;

import org.jspecify.annotations.NullMarked;
