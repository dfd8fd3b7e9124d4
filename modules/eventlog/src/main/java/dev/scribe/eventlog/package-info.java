/**
 * The event log's ports and the in-memory implementation. JDK only: positions are plain longs and
 * payloads are bytes, so another storage (Chronicle Queue here, Kafka later) fits behind the same
 * interfaces.
 *
 * <p>Positions start at 1 and have no gaps; 0 means "before the first event". Every stored event
 * carries the SHA-256 of its predecessor's stored bytes ({@link RecordFormat}), so the whole log is
 * a hash chain.
 */
package dev.scribe.eventlog;
