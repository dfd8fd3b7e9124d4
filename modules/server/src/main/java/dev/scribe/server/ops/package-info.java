/**
 * Operator tools behind {@code tools/scribe replay | verify | rebuild | export}: each works on a
 * data directory no server holds (it takes the directory's lock first and says so clearly when a
 * server has it).
 */
package dev.scribe.server.ops;
