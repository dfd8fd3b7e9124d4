/**
 * Log rotation as pure decisions: the facts of a log's current segment, archive names, the
 * rotation hash chain and the {@link dev.scribe.domain.events.LogRotated} event a rotation
 * appends (reference §3.10, §6.3; docs/tools-design.md §7).
 */
@NullMarked
package dev.scribe.domain.rotation;

import org.jspecify.annotations.NullMarked;
