/**
 * Ports: interfaces through which tool handlers reach services that do I/O (docs scaffolding,
 * the Markdown view's segments, …). The server wires implementations in; handlers never do the
 * I/O themselves.
 */
@NullMarked
package dev.scribe.tools.ports;

import org.jspecify.annotations.NullMarked;
