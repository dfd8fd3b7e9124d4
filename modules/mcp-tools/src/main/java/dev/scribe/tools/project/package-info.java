/**
 * The project-mode tools: {@code set_project}, {@code get_project}, {@code list_projects}, {@code
 * delete_project}, {@code append_entry}, {@code read_recent} (reference §3.3–§3.7, §3.11; design
 * docs/tools-design.md). {@link dev.scribe.tools.project.ProjectTools} wires them; {@link
 * dev.scribe.tools.project.ProjectContext} is how every one of them finds the caller's project:
 * through the caller's own binding, nothing else.
 */
@NullMarked
package dev.scribe.tools.project;

import org.jspecify.annotations.NullMarked;
