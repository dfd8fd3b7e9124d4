/**
 * Sentinel mode: {@code set_mode}, the mode gate around every tool, and the sentinel tools ({@code
 * append_event}, {@code open_bug}, {@code open_security}, {@code link_fix}, {@code close_case},
 * {@code list_cases}). A sentinel session works on the repository given to {@code set_mode} and
 * never resolves a project.
 */
@NullMarked
package dev.scribe.tools.sentinel;

import org.jspecify.annotations.NullMarked;
