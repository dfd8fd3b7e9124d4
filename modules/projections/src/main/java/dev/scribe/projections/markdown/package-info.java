/**
 * The Markdown view: each project's logs rendered into files in the project's repository (the
 * human view, reference §2.3–§2.6), their rotation into archives (§3.10), the verification of
 * those archives, and the scaffolding of a project's documents for {@code set_project}. See
 * docs/tools-design.md §7 and docs/markdown-view.md.
 */
@NullMarked
package dev.scribe.projections.markdown;

import org.jspecify.annotations.NullMarked;
