package dev.scribe.domain;

/**
 * Stream names. A stream is the unit of optimistic concurrency: appends may name the version
 * they expect a stream to be at.
 */
public final class Streams {
  /** All project registrations, updates and deletions (one stream: uniqueness needs one lock). */
  public static final String PROJECTS = "projects";

  private Streams() {}

  /** Session lifecycle and mode changes of one session. */
  public static String session(String sessionId) {
    return "session-" + sessionId;
  }

  /**
   * One session's tool calls ({@code ToolInvoked}) and other per-call audit events. Kept apart
   * from {@link #session} so that stream changes only with the session's lifecycle and mode, and
   * a handler can tell cheaply whether the sessions view is current for it.
   */
  public static String calls(String sessionId) {
    return "calls-" + sessionId;
  }

  /** The project bindings of one session; its version is the binding version. */
  public static String binding(String sessionId) {
    return "binding-" + sessionId;
  }

  /** The entries, rotations and project-mode reads of one project. */
  public static String project(String projectName) {
    return "project-" + projectName;
  }

  /** Sentinel events of one repository on one UTC day. */
  public static String sentinelDay(String repoId, String day) {
    return "sentinel-" + repoId + "-" + day;
  }

  /** Case openings of one kind ({@code bug} or {@code security}) in one repository on one day. */
  public static String caseNumbers(String repoId, String kind, String day) {
    return "cases-" + repoId + "-" + kind + "-" + day;
  }

  /** Fix links and closure of one case. */
  public static String caseStream(String caseId) {
    return "case-" + caseId;
  }
}
