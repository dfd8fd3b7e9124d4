package dev.scribe.domain.events;

/**
 * Every fact Scribe records. The set is closed: projections and codecs handle each type explicitly.
 *
 * <p>Type names are the records' simple names and every type is at schema version 1.
 */
public sealed interface ScribeEvent
    permits SessionOpened,
        SessionClosed,
        ToolInvoked,
        ModeSet,
        ProjectRegistered,
        ProjectUpdated,
        ProjectBound,
        ProjectDeleted,
        EntryAppended,
        LogRotated,
        SentinelEventAppended,
        CaseOpened,
        FixLinked,
        CaseClosed,
        FileRead,
        ReadFileFailed,
        ScopeViolation {

  /** The stored type name: the record's simple name. */
  default String typeName() {
    return getClass().getSimpleName();
  }

  /** The payload schema version this record is written with. */
  default int schemaVersion() {
    return 1;
  }
}
