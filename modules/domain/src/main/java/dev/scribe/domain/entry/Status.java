package dev.scribe.domain.entry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An entry's status: picks its emoji and, when no priority is given, its priority. */
public enum Status {
  INFO("ℹ️", Priority.LOW),
  SUCCESS("✅", Priority.MEDIUM),
  WARN("⚠️", Priority.MEDIUM),
  ERROR("❌", Priority.HIGH),
  BUG("🐞", Priority.HIGH),
  PLAN("🧭", Priority.MEDIUM);

  /** The emoji of an entry with neither status nor emoji nor project default. */
  public static final String DEFAULT_EMOJI = "ℹ️";

  private final String emoji;
  private final Priority inferredPriority;

  Status(String emoji, Priority inferredPriority) {
    this.emoji = emoji;
    this.inferredPriority = inferredPriority;
  }

  public String emoji() {
    return emoji;
  }

  public Priority inferredPriority() {
    return inferredPriority;
  }

  /** The name used on the wire: {@code info}, {@code success}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this wire name (case-insensitive). */
  public static Optional<Status> parse(String s) {
    for (Status st : values()) if (st.wireName().equalsIgnoreCase(s.trim())) return Optional.of(st);
    return Optional.empty();
  }

  /** The status whose emoji this is, if any. */
  public static Optional<Status> ofEmoji(String emoji) {
    for (Status st : values()) if (st.emoji.equals(emoji)) return Optional.of(st);
    return Optional.empty();
  }

  /** "info, success, warn, error, bug, plan", for error messages. */
  public static String allowed() {
    return Arrays.stream(values()).map(Status::wireName).collect(Collectors.joining(", "));
  }
}
