/**
 * Publishes every committed event on the Vert.x event bus, after it is durable and off the append
 * path, and lets consumers subscribe from a log position without missing or duplicating events.
 *
 * <p>Addresses ({@link EventAddresses}): {@code scribe.events} (every event), {@code
 * scribe.events.type.<TypeName>} and {@code scribe.events.session.<sessionId>}. Bodies are the
 * immutable {@link dev.scribe.domain.RecordedEvent}s themselves, passed by reference through {@link
 * RecordedEventCodec}. See {@code docs/event-bus.md}.
 */
@NullMarked
package dev.scribe.server.bus;

import org.jspecify.annotations.NullMarked;
