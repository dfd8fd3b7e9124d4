package dev.scribe.domain.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry as a caller described it, before any rule applied: the fields of {@code append_entry}
 * (or of one bulk item). Meta values are already text (rendered Python-style by the caller's
 * argument parser); keys are raw.
 *
 * @param message null when the item had no {@code message} key at all
 * @param detectStatus whether the message is one line of an {@code auto_split} message, whose
 *     status and leading emoji may be detected from its text (reference §3.6)
 * @param unreadable why a bulk item could not be read at all (not an object, a field of the wrong
 *     type, an unknown key), or null: such an item is refused with this reason
 */
public record EntryInput(
    @Nullable String message,
    @Nullable String status,
    @Nullable String emoji,
    @Nullable String agent,
    Map<String, String> meta,
    @Nullable String timestamp,
    @Nullable String logType,
    @Nullable String priority,
    @Nullable String category,
    @Nullable List<String> tags,
    @Nullable Double confidence,
    boolean detectStatus,
    @Nullable String unreadable) {

  public EntryInput {
    meta = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    if (tags != null) tags = List.copyOf(tags);
  }

  /** An input with only a message. */
  public static EntryInput ofMessage(String message) {
    return new EntryInput(
        message, null, null, null, Map.of(), null, null, null, null, null, null, false, null);
  }

  /** A bulk item that could not be read; it is refused with {@code why}. */
  public static EntryInput unreadable(String why) {
    return new EntryInput(
        null, null, null, null, Map.of(), null, null, null, null, null, null, false, why);
  }

  /**
   * This bulk item completed by the call's own arguments: every field the item does not set is
   * taken from {@code parent}; meta is merged, the item's keys winning (reference §3.6: "the parent
   * meta is inherited by each item, and item meta wins on conflicts"). The parent's message and
   * timestamp are never inherited (the timestamp is the bulk base).
   */
  public EntryInput inheriting(EntryInput parent) {
    Map<String, String> merged = new LinkedHashMap<>(parent.meta);
    merged.putAll(meta);
    return new EntryInput(
        message,
        status != null ? status : parent.status,
        emoji != null ? emoji : parent.emoji,
        agent != null ? agent : parent.agent,
        merged,
        timestamp,
        logType != null ? logType : parent.logType,
        priority != null ? priority : parent.priority,
        category != null ? category : parent.category,
        tags != null ? tags : parent.tags,
        confidence != null ? confidence : parent.confidence,
        detectStatus,
        unreadable);
  }

  /** This input with another message (one line of a split message). */
  public EntryInput withMessage(String newMessage, boolean detect) {
    return new EntryInput(
        newMessage, status, emoji, agent, meta, timestamp, logType, priority, category, tags,
        confidence, detect, unreadable);
  }
}
