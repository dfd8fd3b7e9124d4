/**
 * The Lucene index of entries ({@link EntryIndex}): a projection of the event log that answers
 * {@link dev.scribe.domain.query.EntryQuery} for {@code query_entries} and for {@code read_recent}
 * beyond its in-memory window. See {@link EntryIndex} for the schema, the freshness mechanism and
 * the checkpoint.
 */
@NullMarked
package dev.scribe.search;

import org.jspecify.annotations.NullMarked;
