/**
 * The one filter engine for {@code query_entries} and {@code read_recent} (tools-design §6): an
 * {@link EntryQuery} (scope, message match, time bounds, emoji/status, agents, meta equality,
 * priority, category, confidence, order, page), strict parsing of its parts from tool arguments
 * ({@link QueryArgs}, errors naming the bad value), the predicate over {@link
 * dev.scribe.domain.events.EntryAppended}, and the pagination rule ({@link EntryQueries#page}).
 *
 * <p>The in-memory path (the recent-entries view) and the Lucene index answer the same {@link
 * EntryQuery} through {@link EntrySearch}; the index narrows candidates and confirms them with
 * exactly these predicates, so both give the same pages.
 */
@NullMarked
package dev.scribe.domain.query;

import org.jspecify.annotations.NullMarked;
