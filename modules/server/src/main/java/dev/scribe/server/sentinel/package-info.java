/** Operator tools for sentinel history: importing the Python server's sentinel JSONL files. */
@NullMarked
package dev.scribe.server.sentinel;

import org.jspecify.annotations.NullMarked;
