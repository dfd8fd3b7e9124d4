/**
 * Sentinel projections: the daily files of a repository ({@code <repo>/.scribe/sentinel/<day>/}
 * {@code sentinel.jsonl}, {@code bug.jsonl}, {@code security.jsonl}, {@code SENTINEL_LOG.md}) and
 * the cases view behind {@code list_cases}, {@code link_fix} and {@code close_case}. {@link
 * dev.scribe.projections.sentinel.SentinelLines} is the one place that says what an event looks
 * like as a sentinel line, for the files and for the sentinel search alike.
 */
@NullMarked
package dev.scribe.projections.sentinel;

import org.jspecify.annotations.NullMarked;
