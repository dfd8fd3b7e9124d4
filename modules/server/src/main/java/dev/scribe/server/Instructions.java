package dev.scribe.server;

/** The {@code instructions} Scribe gives every client in its {@code initialize} result. */
final class Instructions {
  static final String TEXT =
      """
      Scribe keeps an append-only, auditable work log for this session.
      1. Call set_project (name, root = the repository's absolute path) once per session: it binds
         THIS session to the project; nothing is shared with other sessions.
      2. Log every meaningful step with append_entry (message, status, meta with your reasoning).
      3. After a context reset, re-read with read_recent (newest first) and query_entries
         (filters, search). read_file reads repository files with provenance.
      4. For repository-wide audits use set_mode {mode: "sentinel", repo_root}; then append_event,
         open_bug / open_security, link_fix, close_case and list_cases.
      If it is not in Scribe, it did not happen.""";

  private Instructions() {}
}
