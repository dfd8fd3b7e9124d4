package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol engine: everything shared by all sessions, all of it immutable (tools, error
 * table, observer, executor, clock, id sources). Per-session state lives in {@link McpSession}.
 * Build one with {@link #builder()}; HTTP sessions are kept by a {@link SessionRegistry}, stream
 * connections get an {@link McpConnection} from {@link #connect}.
 */
public final class McpServer {
  private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);

  private final ServerInfo info;
  private final ToolRegistry tools;
  private final ErrorTable errors;
  private final SessionObserver observer;
  private final ToolGate gate;
  private final Executor executor;
  private final Clock clock;
  private final Supplier<String> sessionIds;
  private final Supplier<String> executionIds;
  private final boolean validateOutput;
  private final ServerFeatures features;

  private McpServer(Builder b) {
    this.info = requireNonNull(b.info, "serverInfo");
    this.tools = requireNonNull(b.tools, "tools");
    this.errors = b.errors;
    this.observer = b.observer;
    this.gate = b.gate;
    this.executor = requireNonNull(b.executor, "executor");
    this.clock = requireNonNull(b.clock, "clock");
    this.sessionIds = requireNonNull(b.sessionIds, "sessionIds");
    this.executionIds = requireNonNull(b.executionIds, "executionIds");
    this.validateOutput = b.validateOutput;
    this.features = new ServerFeatures(b.resources, b.prompts, b.completions, executor);
  }

  public static Builder builder() {
    return new Builder();
  }

  public ServerInfo info() {
    return info;
  }

  public ToolRegistry tools() {
    return tools;
  }

  public Clock clock() {
    return clock;
  }

  /** Decodes one payload; the only JSON parse a request gets. */
  public Inbound decode(byte[] payload) {
    return McpJson.decoder().decode(payload);
  }

  /** Decodes {@code length} bytes at {@code offset}. */
  public Inbound decode(byte[] payload, int offset, int length) {
    return McpJson.decoder().decode(payload, offset, length);
  }

  /** A new registry for HTTP sessions. */
  public SessionRegistry newSessionRegistry(SessionLimits limits) {
    return new SessionRegistry(this, limits);
  }

  /** A new newline-delimited connection (stdio or loopback): one session, minted by its initialize. */
  public McpConnection connect(MessageSink out) {
    return new McpConnection(this, out);
  }

  // -- package-private collaborators -------------------------------------------------------------

  ErrorTable errors() {
    return errors;
  }

  SessionObserver observer() {
    return observer;
  }

  ToolGate gate() {
    return gate;
  }

  Executor executor() {
    return executor;
  }

  String newExecutionId() {
    return executionIds.get();
  }

  boolean validateOutput() {
    return validateOutput;
  }

  ServerFeatures features() {
    return features;
  }

  /**
   * Handles {@code initialize}: negotiates the version, mints the session and waits for the
   * observer before returning the response.
   */
  CompletionStage<InitOutcome> initialize(JsonRpcRequest request, TransportKind transport) {
    JsonNode params = request.params();
    if (!(params instanceof ObjectNode p)) {
      return failed(request, "initialize needs params");
    }
    JsonNode requested = p.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      return failed(request, "initialize needs params.protocolVersion (a string)");
    }
    String version = ProtocolVersions.negotiate(requested.textValue());
    ClientInfo client = clientInfo(p.get("clientInfo"));
    String id = sessionIds.get().intern(); // one instance, shared with the views' decoded copies
    if (!isVisibleAscii(id)) {
      throw new IllegalStateException("session ids must be non-empty visible ASCII");
    }
    McpSession session =
        new McpSession(this, id, transport, version, client, ClientCapabilities.from(p.get("capabilities")));
    ObjectNode result = McpJson.object();
    result.put("protocolVersion", version);
    ObjectNode caps = result.putObject("capabilities");
    caps.putObject("tools").put("listChanged", false);
    caps.putObject("logging");
    features.advertise(caps);
    ObjectNode server = result.putObject("serverInfo");
    server.put("name", info.name());
    server.put("version", info.version());
    if (info.instructions() != null) {
      result.put("instructions", info.instructions());
    }
    byte[] response = McpJson.resultBytes(request.id(), result);
    return record(
            () -> observer.sessionOpened(id, transport, client, version),
            "sessionOpened " + id,
            executor)
        .thenApply(v -> new InitOutcome.Opened(session, response));
  }

  /** Runs an observer call; a failure is logged, never propagated. */
  static CompletableFuture<Void> record(
      Supplier<CompletionStage<Void>> call, String what, Executor continuations) {
    return record(call, what, continuations, () -> {});
  }

  /**
   * Runs an observer call, then {@code then}; a failure is logged, never propagated.
   *
   * @return done once {@code then} ran
   */
  static CompletableFuture<Void> record(
      Supplier<CompletionStage<Void>> call, String what, Executor continuations, Runnable then) {
    CompletionStage<Void> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      LOG.warn("recording {} failed", what, e);
      then.run();
      return CompletableFuture.completedFuture(null);
    }
    BiFunction<Void, Throwable, Void> settle =
        (v, e) -> {
          if (e != null) {
            LOG.warn("recording {} failed", what, e);
          }
          then.run();
          return null;
        };
    // A recording that is still in flight completes on the recorder's thread (the event log's
    // single writer): `then` runs on `continuations` instead, so that nothing slow (encoding, a
    // blocking send) runs on, and slows, the log writer. A caller whose `then` only hands bytes to
    // a queue passes a direct executor. One attachment, so `then` never runs on a third thread.
    CompletableFuture<Void> f = stage.toCompletableFuture();
    return f.isDone() ? f.handle(settle) : f.handleAsync(settle, continuations);
  }

  private static CompletionStage<InitOutcome> failed(JsonRpcRequest request, String message) {
    return CompletableFuture.completedFuture(
        new InitOutcome.Failed(McpJson.errorBytes(request.id(), ErrorCodes.INVALID_PARAMS, message)));
  }

  private static ClientInfo clientInfo(@Nullable JsonNode node) {
    String name = ClientInfo.UNKNOWN;
    String version = ClientInfo.UNKNOWN;
    if (node != null && node.isObject()) {
      JsonNode n = node.get("name");
      JsonNode v = node.get("version");
      if (n != null && n.isTextual()) {
        name = n.textValue();
      }
      if (v != null && v.isTextual()) {
        version = v.textValue();
      }
    }
    return new ClientInfo(name, version);
  }

  static boolean isVisibleAscii(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Configures an {@link McpServer}. Everything without a default is required. */
  public static final class Builder {
    private @Nullable ServerInfo info;
    private @Nullable ToolRegistry tools;
    private ErrorTable errors = ErrorTable.standard();
    private SessionObserver observer = SessionObserver.NONE;
    private ToolGate gate = ToolGate.OPEN;
    private @Nullable Executor executor;
    private @Nullable Clock clock;
    private @Nullable Supplier<String> sessionIds;
    private @Nullable Supplier<String> executionIds;
    private boolean validateOutput;
    private @Nullable ResourceRegistry resources;
    private @Nullable PromptRegistry prompts;
    private @Nullable CompletionHandler completions;

    private Builder() {}

    public Builder serverInfo(ServerInfo info) {
      this.info = info;
      return this;
    }

    public Builder tools(ToolRegistry tools) {
      this.tools = tools;
      return this;
    }

    /** Default: {@link ErrorTable#standard()}. */
    public Builder errors(ErrorTable errors) {
      this.errors = requireNonNull(errors, "errors");
      return this;
    }

    /** Default: {@link SessionObserver#NONE}. */
    public Builder observer(SessionObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /** Admits or refuses calls before their arguments are validated (default: open). */
    public Builder gate(ToolGate gate) {
      this.gate = requireNonNull(gate, "gate");
      return this;
    }

    /** Runs schema validation and tool handlers; never a transport's event loop. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Idle TTL and call durations. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Session ids: unguessable, visible ASCII (0x21-0x7E). */
    public Builder sessionIds(Supplier<String> ids) {
      this.sessionIds = ids;
      return this;
    }

    /** One id per {@code tools/call}. */
    public Builder executionIds(Supplier<String> ids) {
      this.executionIds = ids;
      return this;
    }

    /**
     * Also check each success against the tool's output schema; a mismatch becomes an {@code
     * internal_error} result. For tests: it costs a validation per call.
     */
    public Builder validateOutput(boolean validate) {
      this.validateOutput = validate;
      return this;
    }

    /** Resources and templates; the {@code resources} capability is advertised only if not empty. */
    public Builder resources(ResourceRegistry resources) {
      this.resources = requireNonNull(resources, "resources");
      return this;
    }

    /** Prompts; the {@code prompts} capability is advertised only if not empty. */
    public Builder prompts(PromptRegistry prompts) {
      this.prompts = requireNonNull(prompts, "prompts");
      return this;
    }

    /** Answers {@code completion/complete}; the {@code completions} capability is advertised only with one. */
    public Builder completions(CompletionHandler completions) {
      this.completions = requireNonNull(completions, "completions");
      return this;
    }

    public McpServer build() {
      return new McpServer(this);
    }
  }
}
