/**
 * {@code query_entries}: the arguments to an {@link dev.scribe.domain.query.EntryQuery}, the
 * session's project, the answer from the search index. See {@link QueryEntriesTool}.
 */
@NullMarked
package dev.scribe.tools.query;

import org.jspecify.annotations.NullMarked;
