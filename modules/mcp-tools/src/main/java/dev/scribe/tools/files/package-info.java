/**
 * {@code read_file} in both modes: a thin handler over the {@link
 * dev.scribe.tools.ports.RepositoryFiles} port that records every read with its provenance.
 */
@NullMarked
package dev.scribe.tools.files;

import org.jspecify.annotations.NullMarked;
