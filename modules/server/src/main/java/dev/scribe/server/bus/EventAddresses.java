package dev.scribe.server.bus;

/**
 * The event-bus addresses {@link EventBusPublisher} publishes each committed event to, in log
 * order. Bodies are {@link dev.scribe.domain.RecordedEvent}s.
 */
public final class EventAddresses {
  /** Every event. */
  public static final String ALL = "scribe.events";

  /** Prefix of the per-type addresses; see {@link #type}. */
  public static final String TYPE_PREFIX = ALL + ".type.";

  /** Prefix of the per-session addresses; see {@link #session}. */
  public static final String SESSION_PREFIX = ALL + ".session.";

  private EventAddresses() {}

  /** Events of one type, by its stored name: {@code scribe.events.type.EntryAppended}. */
  public static String type(String typeName) {
    return TYPE_PREFIX + typeName;
  }

  /**
   * Events whose envelope carries this session id: {@code scribe.events.session.<id>}. Events
   * without a session id (server-internal ones) are not published here.
   */
  public static String session(String sessionId) {
    return SESSION_PREFIX + sessionId;
  }
}
