/**
 * The rules of a project log entry, shared by the tools, the projections and the importer: status,
 * emoji and priority tables, log types and their required metadata, slugs, claimed timestamps and
 * the exact Markdown line grammar of the Python Scribe server (reference §2.1–§2.6).
 */
@NullMarked
package dev.scribe.domain.entry;

import org.jspecify.annotations.NullMarked;
