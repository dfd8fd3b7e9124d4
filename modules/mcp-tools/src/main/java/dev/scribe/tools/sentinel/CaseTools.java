package dev.scribe.tools.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.sentinel.CaseClosure;
import dev.scribe.domain.sentinel.CaseIds;
import dev.scribe.domain.sentinel.CaseKind;
import dev.scribe.domain.sentinel.CaseStreams;
import dev.scribe.domain.sentinel.LandingStatus;
import dev.scribe.eventlog.ExpectedVersion;
import dev.scribe.eventlog.ExpectedVersionMismatchException;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolException;
import dev.scribe.mcp.ToolResult;
import dev.scribe.projections.sentinel.CaseState;
import dev.scribe.projections.sentinel.CasesView;
import dev.scribe.tools.EventWriter;
import dev.scribe.tools.Schemas;
import dev.scribe.tools.ToolBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The case tools of sentinel mode: {@code open_bug}, {@code open_security}, {@code link_fix},
 * {@code close_case}, {@code list_cases}.
 *
 * <p><b>Case numbers.</b> An opening reads the version v of its case-number stream ({@code
 * cases-<repo id>-<kind>-<day>}) and appends {@code CaseOpened} numbered v+1 <em>expecting</em> v:
 * two openings can never get the same number, and the numbers of a day have no gaps. Openings of
 * one stream are also serialised in this process (striped locks), so concurrent sessions wait for
 * each other instead of burning their retries; the expected version stays the guard.
 *
 * <p><b>Fix links and closure</b> append to the case's own stream, expecting the version the
 * decision was made on (the cases view, read fresh); a lost race re-reads and decides again.
 */
public final class CaseTools {
  private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
  private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) LOCKS[i] = new ReentrantLock();
  }

  private CaseTools() {}

  private static ReentrantLock lockFor(String stream) {
    return LOCKS[Math.floorMod(stream.hashCode(), LOCKS.length)];
  }

  // ---- open_bug / open_security -----------------------------------------------------------------

  public static ToolBinding open(SentinelSupport s, CaseKind kind) {
    String name = kind == CaseKind.BUG ? "open_bug" : "open_security";
    ToolDefinition def =
        ToolDefinition.of(
            name,
            "Sentinel mode: opens a " + (kind == CaseKind.BUG ? "bug" : "security") + " case in the"
                + " repository and returns its id " + kind.prefix() + "-YYYY-MM-DD-NNNN (numbered per"
                + " repository and UTC day, never reused).",
            Schemas.object()
                .req("title", Schemas.string("short title"))
                .prop("symptoms", Schemas.string("what was observed"))
                .prop("affected_paths", Schemas.anyOf("repository paths concerned (list or comma-separated)",
                    Schemas.array("", Schemas.string("")), Schemas.string("")))
                .prop("severity", Schemas.stringEnum("severity", SEVERITIES))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("case_id", Schemas.string("the new case's id"))
                .req("kind", Schemas.string(""))
                .req("landing_status", Schemas.string("proposed"))
                .prop("sentinel_day", Schemas.string(""))
                .build(),
            ToolAnnotations.forAppends(false));
    return new ToolBinding(def, call -> SentinelSupport.run(() -> open(s, kind, call)));
  }

  private static ToolResult open(SentinelSupport s, CaseKind kind, ToolCall call) {
    SentinelSupport.Sentinel sn = s.requireSentinel(call);
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String title = a.required("title");
    String symptoms = a.string("symptoms", "");
    List<String> paths = strings(a.raw("affected_paths"));
    String severity = a.string("severity");
    String stream = CaseStreams.numbers(sn.repoId(), kind, sn.day());
    ReentrantLock lock = lockFor(stream);
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        long v = s.kit.streams().streamVersion(stream);
        String id = CaseIds.format(kind, sn.day(), CaseIds.numberAfter(v));
        CaseOpened e = new CaseOpened(id, kind.wire(), sn.repoRoot(), sn.repoId(), sn.day(), title,
            symptoms, paths, severity);
        try {
          s.kit.writer().append(call, EventWriter.batch().add(stream, e).expect(stream, ExpectedVersion.exactly(v)));
        } catch (ExpectedVersionMismatchException conflict) {
          if (attempt >= SentinelSupport.ATTEMPTS) throw conflict(conflict);
          continue;
        }
        ObjectNode out = SentinelSupport.object();
        out.put("ok", true);
        out.put("case_id", id);
        out.put("kind", kind.wire());
        out.put("landing_status", LandingStatus.PROPOSED.wire());
        out.put("sentinel_day", sn.day());
        return ToolResult.success(out, "Opened " + id + ": " + title);
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- link_fix ---------------------------------------------------------------------------------

  public static ToolBinding linkFix(SentinelSupport s) {
    ToolDefinition def =
        ToolDefinition.of(
            "link_fix",
            "Sentinel mode: links a fix to an existing case of this repository (case_id must exist):"
                + " the execution that made it, the artifact (commit, PR, patch) and how far it got"
                + " (proposed, landed, verified).",
            Schemas.object()
                .req("case_id", Schemas.string("BUG-… or SEC-…"))
                .req("execution_id", Schemas.string("the execution (tool call or agent run) that produced the fix"))
                .req("artifact_ref", Schemas.string("commit, PR or patch reference"))
                .prop("landing_status", Schemas.stringEnum("default proposed", List.of("proposed", "landed", "verified")))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("case_id", Schemas.string(""))
                .req("landing_status", Schemas.string(""))
                .req("status", Schemas.string("the case's status now: open, fixed or closed"))
                .req("fix_count", Schemas.integer("fixes linked to the case"))
                .build(),
            ToolAnnotations.forAppends(false));
    return new ToolBinding(def, call -> SentinelSupport.run(() -> linkFix(s, call)));
  }

  private static ToolResult linkFix(SentinelSupport s, ToolCall call) {
    SentinelSupport.Sentinel sn = s.requireSentinel(call);
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String caseId = caseId(a);
    String exec = a.required("execution_id");
    String artifact = a.required("artifact_ref");
    String landing = a.string("landing_status", LandingStatus.PROPOSED.wire());
    LandingStatus ls = LandingStatus.fromWire(landing).orElseThrow(() -> new ToolException(
        "invalid_argument", "Invalid landing_status '" + landing + "': proposed, landed or verified."));
    CaseState c =
        appendToCase(s, sn, call, caseId, "is closed; open a new case for a new problem.",
            open -> new FixLinked(caseId, exec, artifact, ls.wire()));
    ObjectNode out = SentinelSupport.object();
    out.put("ok", true);
    out.put("case_id", caseId);
    out.put("landing_status", ls.wire());
    boolean fixed = ls.atLeast(LandingStatus.LANDED) || c.status() == CaseState.Status.FIXED;
    out.put("status", fixed ? "fixed" : "open");
    out.put("fix_count", c.fixes().size() + 1);
    return ToolResult.success(out, "Linked " + artifact + " (" + ls.wire() + ") to " + caseId + ".");
  }

  // ---- close_case -------------------------------------------------------------------------------

  public static ToolBinding closeCase(SentinelSupport s) {
    ToolDefinition def =
        ToolDefinition.of(
            "close_case",
            "Sentinel mode: closes a case. Refused unless the case has a root cause (root_cause), a"
                + " linked fix and a fix with landing_status verified; the error names what is missing.",
            Schemas.object()
                .req("case_id", Schemas.string("BUG-… or SEC-…"))
                .req("root_cause", Schemas.string("why it happened"))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("case_id", Schemas.string(""))
                .req("status", Schemas.string("closed"))
                .build(),
            ToolAnnotations.forAppends(false));
    return new ToolBinding(def, call -> SentinelSupport.run(() -> close(s, call)));
  }

  private static ToolResult close(SentinelSupport s, ToolCall call) {
    SentinelSupport.Sentinel sn = s.requireSentinel(call);
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String caseId = caseId(a);
    String rootCause = a.string("root_cause", "");
    appendToCase(s, sn, call, caseId, "is already closed.", c -> {
      List<CaseClosure.Requirement> missing = CaseClosure.missing(rootCause, c.landingStatuses());
      Optional<String> refusal = CaseClosure.refusal(caseId, missing);
      if (refusal.isPresent()) {
        ObjectNode details = McpJson.object();
        ArrayNode m = details.putArray("missing");
        missing.forEach(r -> m.add(r.name().toLowerCase(Locale.ROOT)));
        throw new ToolException("case_not_closable", refusal.get(), details);
      }
      return new CaseClosed(caseId, rootCause);
    });
    ObjectNode out = SentinelSupport.object();
    out.put("ok", true);
    out.put("case_id", caseId);
    out.put("status", "closed");
    return ToolResult.success(out, "Closed " + caseId + ".");
  }

  /**
   * Appends the event {@code decide} makes from the case's current state to the case's stream,
   * expecting the version that state was read at; on a concurrent change it reads the case again
   * and decides again (up to {@link SentinelSupport#ATTEMPTS} times). A closed case is refused
   * with {@code "Case <id> " + closedMessage}. Returns the state the event was decided on.
   */
  private static CaseState appendToCase(
      SentinelSupport s,
      SentinelSupport.Sentinel sn,
      ToolCall call,
      String caseId,
      String closedMessage,
      Function<CaseState, ScribeEvent> decide) {
    for (int attempt = 1; ; attempt++) {
      CaseState c = existing(s, sn, caseId);
      if (c.closedAt() != null) {
        throw new ToolException("case_closed", "Case " + caseId + " " + closedMessage);
      }
      ScribeEvent event = decide.apply(c);
      try {
        s.kit.writer().append(call, EventWriter.batch()
            .add(c.stream(), event)
            .expect(c.stream(), ExpectedVersion.exactly(c.version())));
        return c;
      } catch (ExpectedVersionMismatchException conflict) {
        if (attempt >= SentinelSupport.ATTEMPTS) throw conflict(conflict);
      }
    }
  }

  // ---- list_cases -------------------------------------------------------------------------------

  public static ToolBinding listCases(SentinelSupport s) {
    ObjectNode fix = Schemas.object()
        .req("execution_id", Schemas.string("")).req("artifact_ref", Schemas.string(""))
        .req("landing_status", Schemas.string("")).req("linked_at", Schemas.string("")).build();
    ObjectNode row = Schemas.object()
        .req("case_id", Schemas.string("")).req("kind", Schemas.string("")).req("status", Schemas.string(""))
        .req("title", Schemas.string("")).req("symptoms", Schemas.string(""))
        .req("affected_paths", Schemas.array("", Schemas.string("")))
        .prop("severity", Schemas.string("")).req("sentinel_day", Schemas.string(""))
        .req("opened_at", Schemas.string("")).req("fixes", Schemas.array("", fix))
        .prop("root_cause", Schemas.string("")).prop("closed_at", Schemas.string("")).build();
    ToolDefinition def =
        ToolDefinition.of(
            "list_cases",
            "Sentinel mode: the repository's bug and security cases, oldest first, with their status"
                + " (open; fixed = a fix landed or verified; closed) and fixes.",
            Schemas.object()
                .prop("status", Schemas.stringEnum("default all", List.of("open", "fixed", "closed", "all")))
                .prop("kind", Schemas.stringEnum("default all", List.of("bug", "security", "all")))
                .closed()
                .build(),
            Schemas.object()
                .req("ok", Schemas.bool(""))
                .req("cases", Schemas.array("", row))
                .req("counts", Schemas.object().req("open", Schemas.integer("")).req("fixed", Schemas.integer(""))
                    .req("closed", Schemas.integer("")).build())
                .build(),
            ToolAnnotations.forReads());
    return new ToolBinding(def, call -> SentinelSupport.run(() -> list(s, call)));
  }

  private static ToolResult list(SentinelSupport s, ToolCall call) {
    SentinelSupport.Sentinel sn = s.requireSentinel(call);
    SentinelSupport.Args a = new SentinelSupport.Args(call.arguments());
    String status = a.string("status", "all");
    String kind = a.string("kind", "all");
    s.await(CasesView.NAME);
    ObjectNode out = SentinelSupport.object();
    out.put("ok", true);
    ArrayNode rows = out.putArray("cases");
    int open = 0, fixed = 0, closed = 0;
    for (CaseState c : s.cases.ofRepository(sn.repoId())) {
      switch (c.status()) {
        case OPEN -> open++;
        case FIXED -> fixed++;
        case CLOSED -> closed++;
      }
      if (!"all".equals(status) && !c.status().wire().equals(status)) continue;
      if (!"all".equals(kind) && !c.kind().wire().equals(kind)) continue;
      ObjectNode r = rows.addObject();
      r.put("case_id", c.caseId());
      r.put("kind", c.kind().wire());
      r.put("status", c.status().wire());
      r.put("title", c.title());
      r.put("symptoms", c.symptoms());
      ArrayNode ap = r.putArray("affected_paths");
      c.affectedPaths().forEach(ap::add);
      if (c.severity() != null) r.put("severity", c.severity());
      r.put("sentinel_day", c.day());
      r.put("opened_at", c.openedAt().toString());
      ArrayNode fs = r.putArray("fixes");
      for (CaseState.Fix f : c.fixes()) {
        fs.addObject().put("execution_id", f.executionId()).put("artifact_ref", f.artifactRef())
            .put("landing_status", f.landingStatus().wire()).put("linked_at", f.linkedAt().toString());
      }
      if (c.rootCause() != null) r.put("root_cause", c.rootCause());
      if (c.closedAt() != null) r.put("closed_at", c.closedAt().toString());
    }
    out.putObject("counts").put("open", open).put("fixed", fixed).put("closed", closed);
    return ToolResult.success(out, rows.size() + " case(s) (" + open + " open, " + fixed + " fixed, "
        + closed + " closed in " + sn.repoRoot() + ").");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String caseId(SentinelSupport.Args a) {
    String raw = a.required("case_id").trim();
    Optional<CaseKind> kind = CaseKind.ofCaseId(raw);
    if (kind.isEmpty()) throw new ToolException("invalid_argument", CaseIds.BAD_PREFIX);
    String id = kind.get().prefix() + raw.substring(3);
    if (CaseIds.parse(id).isEmpty()) {
      throw new ToolException("invalid_argument",
          "Invalid case_id '" + raw + "': expected " + kind.get().prefix() + "-YYYY-MM-DD-NNNN.");
    }
    return id;
  }

  private static CaseState existing(SentinelSupport s, SentinelSupport.Sentinel sn, String caseId) {
    s.await(CasesView.NAME);
    return s.cases.find(sn.repoId(), caseId).orElseThrow(() -> new ToolException(
        "not_found", "Case '" + caseId + "' not found in repository " + sn.repoRoot()
            + ": link_fix and close_case take the id open_bug/open_security returned."));
  }

  private static ToolException conflict(ExpectedVersionMismatchException e) {
    return new ToolException("conflict", "Too many concurrent changes (" + e.getMessage() + "); retry.");
  }

  private static List<String> strings(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    if (v.isArray()) {
      v.forEach(x -> { if (!x.asText().isBlank()) out.add(x.asText()); });
    } else {
      for (String p : v.asText().split(",")) if (!p.isBlank()) out.add(p.trim());
    }
    return out;
  }
}
