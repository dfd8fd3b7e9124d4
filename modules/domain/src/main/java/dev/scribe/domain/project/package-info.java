/**
 * Projects as pure decisions: {@code set_project} (register, update, bind), {@code delete_project}
 * and {@code list_projects} over a {@link dev.scribe.domain.project.ProjectRegistry}, plus the
 * binding rule every project-mode tool follows ({@link dev.scribe.domain.project.Bindings}). No
 * I/O: paths are handled lexically, the docs directory is resolved by the caller.
 */
@NullMarked
package dev.scribe.domain.project;

import org.jspecify.annotations.NullMarked;
