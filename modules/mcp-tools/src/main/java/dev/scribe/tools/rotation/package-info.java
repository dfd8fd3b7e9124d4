/**
 * {@code rotate_log}: closes segments of a project's Markdown logs into hash-chained archives
 * (reference §3.10; docs/tools-design.md §7).
 */
@NullMarked
package dev.scribe.tools.rotation;

import org.jspecify.annotations.NullMarked;
