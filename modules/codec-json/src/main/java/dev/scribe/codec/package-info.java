/**
 * JSON forms of Scribe's events: the payload bytes stored in the log ({@link EventCodec}) and the
 * JSON envelope used by export, replay and the published schemas ({@link EnvelopeJson}). The only
 * place (with the MCP protocol module) that creates a Jackson {@code ObjectMapper}.
 */
package dev.scribe.codec;
