/**
 * The file-reading service behind {@code read_file} ({@link dev.scribe.tools.ports.RepositoryFiles}):
 * the path policy, and one bounded-memory streaming pass per read that computes the scan (size,
 * lines, SHA-256, newline type, encoding, chunk count) while it collects what the mode asks for.
 */
@NullMarked
package dev.scribe.server.files;

import org.jspecify.annotations.NullMarked;
