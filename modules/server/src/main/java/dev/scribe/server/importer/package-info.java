/** {@code scribe import}: existing Scribe Markdown logs into the event log, without loss. */
@NullMarked
package dev.scribe.server.importer;

import org.jspecify.annotations.NullMarked;
