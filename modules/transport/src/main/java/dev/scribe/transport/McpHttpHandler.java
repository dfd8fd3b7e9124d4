package dev.scribe.transport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.mcp.CloseReason;
import dev.scribe.mcp.InitOutcome;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.McpServer;
import dev.scribe.mcp.McpSession;
import dev.scribe.mcp.ProtocolVersions;
import dev.scribe.mcp.ResponseChannel;
import dev.scribe.mcp.SessionRegistry;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.Inbound;
import dev.scribe.mcp.jsonrpc.JsonRpcMessage;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import dev.scribe.mcp.jsonrpc.RequestId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streamable HTTP (MCP 2025-03-26 to 2025-11-25) at one endpoint, implementing the status matrix of
 * {@code reference/mcp.md} §4.8. Checks run in this order, each before any stream opens: 403
 * (Host/Origin), 401 (bearer token), 413 (body cap), 405 (method), 404/400 (session), 400
 * (protocol-version header), 406/415 (Accept/Content-Type), then the JSON-RPC payload.
 *
 * <p>Mount it with {@link #mount(Router)}; the caller owns the router and the HTTP server (do not
 * put a router-wide {@code BodyHandler} in front: this route has its own, with the body cap). HTTP
 * sessions live in {@link #sessions()}, where restored sessions are registered at start-up. The
 * wire decisions are in {@code docs/mcp-wire.md}.
 */
public final class McpHttpHandler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpHandler.class);
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final String MODERN_VERSION_META = "io.modelcontextprotocol/protocolVersion";

  private final Vertx vertx;
  private final McpServer server;
  private final SessionRegistry sessions;
  private final HttpTransportConfig config;
  private final long sweepTimer;

  private McpHttpHandler(Vertx vertx, McpServer server, HttpTransportConfig config) {
    this.vertx = requireNonNull(vertx, "vertx");
    this.server = requireNonNull(server, "server");
    this.config = requireNonNull(config, "config");
    this.sessions = server.newSessionRegistry(config.sessionLimits());
    this.sweepTimer =
        config.sweepInterval().isZero()
            ? -1
            : vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
  }

  /** Creates the handler (and its session sweep timer, if configured). */
  public static McpHttpHandler create(Vertx vertx, McpServer server, HttpTransportConfig config) {
    return new McpHttpHandler(vertx, server, config);
  }

  /** Adds the MCP endpoint to {@code router} at {@link HttpTransportConfig#path()}. */
  public void mount(Router router) {
    router
        .route(config.path())
        // A security-policy handler may run before the body handler, so 403/401 cost no body read.
        .handler((SecurityPolicyHandler) this::guard)
        .handler(
            BodyHandler.create(false)
                .setBodyLimit(config.maxBodyBytes())
                .setHandleFileUploads(false))
        .handler(this::handle)
        .failureHandler(this::failure);
  }

  /** The live HTTP sessions; register restored ones here before serving. */
  public SessionRegistry sessions() {
    return sessions;
  }

  public HttpTransportConfig config() {
    return config;
  }

  /** Closes sessions idle past the TTL; returns their ids. */
  public List<String> sweep() {
    List<String> expired = sessions.sweep();
    if (!expired.isEmpty()) {
      LOG.debug("expired {} idle session(s)", expired.size());
    }
    return expired;
  }

  /**
   * Stops the sweep timer. Sessions stay open: they are restored from the log after a restart, so
   * they are not recorded as closed.
   */
  @Override
  public void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
  }

  // -- pipeline ----------------------------------------------------------------------------------

  /** 403 for a foreign Host or Origin, 401 without the token. Runs before the body is read. */
  private void guard(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HostAndPort authority = req.authority();
    if (authority != null && !config.allowedHosts().contains(normalizeHost(authority.host()))) {
      reject(ctx, 403, ErrorCodes.SERVER_ERROR, "Forbidden: host not allowed", null);
      return;
    }
    String origin = req.getHeader("Origin");
    if (origin != null && !originAllowed(origin)) {
      reject(ctx, 403, ErrorCodes.SERVER_ERROR, "Forbidden: origin not allowed", null);
      return;
    }
    String token = config.bearerToken();
    if (token != null) {
      String auth = req.getHeader("Authorization");
      if (auth == null
          || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
          || !Tokens.matches(token, auth.substring(7).trim())) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        reject(ctx, 401, ErrorCodes.SERVER_ERROR, "Unauthorized: bearer token required", null);
        return;
      }
    }
    ctx.next();
  }

  private void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (ctx.statusCode() == 413) {
      ctx.response().putHeader("Connection", "close");
      reject(
          ctx,
          413,
          ErrorCodes.INVALID_REQUEST,
          "Request body exceeds " + config.maxBodyBytes() + " bytes",
          null);
      return;
    }
    if (ctx.failure() != null) {
      LOG.error("MCP endpoint failed", ctx.failure());
    }
    int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
    reject(ctx, status, ErrorCodes.INTERNAL_ERROR, "Internal error", null);
  }

  private void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.POST) {
      post(ctx);
    } else if (method == HttpMethod.GET) {
      get(ctx);
    } else if (method == HttpMethod.DELETE) {
      delete(ctx);
    } else {
      ctx.response().putHeader("Allow", "GET, POST, DELETE");
      reject(ctx, 405, ErrorCodes.SERVER_ERROR, "Method not allowed", null);
    }
  }

  private void post(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String sid = req.getHeader(SESSION_HEADER);
    McpSession session = null;
    if (sid != null) {
      session = sessions.find(sid).orElse(null);
      if (session == null) {
        notFound(ctx);
        return;
      }
      ctx.response().putHeader(SESSION_HEADER, sid);
    }
    if (!versionHeaderOk(ctx)) {
      return;
    }
    AcceptMode mode = AcceptMode.of(req.getHeader("Accept"));
    if (mode == AcceptMode.EITHER && config.sseWhenAccepted()) {
      mode = AcceptMode.SSE_ONLY;
    }
    if (mode == AcceptMode.NONE) {
      reject(ctx, 406, ErrorCodes.SERVER_ERROR,
          "Not Acceptable: accept application/json or text/event-stream", null);
      return;
    }
    String contentType = req.getHeader("Content-Type");
    if (contentType != null && !isJson(contentType)) {
      reject(ctx, 415, ErrorCodes.SERVER_ERROR, "Unsupported Media Type: send application/json", null);
      return;
    }
    RequestBody body = ctx.body();
    Buffer buffer = body == null ? null : body.buffer();
    Inbound inbound =
        buffer == null ? server.decode(new byte[0]) : server.decode(buffer.getBytes());
    if (inbound instanceof Inbound.Rejected r) {
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .end(Bodies.of(McpJson.errorBytes(r.error())));
      return;
    }
    if (session == null) {
      withoutSession(ctx, inbound, mode);
      return;
    }
    if (session.isClosed()) { // deleted or expired while this body was being read
      notFound(ctx);
      return;
    }
    if (inbound.hasRequest("initialize")) {
      reject(ctx, 400, ErrorCodes.INVALID_REQUEST, "Invalid Request: session already initialized",
          firstRequestId(inbound, "initialize"));
      return;
    }
    if (inbound instanceof Inbound.Batch && !session.allowsBatches()) {
      reject(ctx, 400, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: batches are not supported by protocol version "
              + session.protocolVersion(), null);
      return;
    }
    boolean answers =
        inbound.hasRequests()
            || (inbound instanceof Inbound.Batch b && !b.invalid().isEmpty());
    if (!answers) {
      session.receive(inbound, ResponseChannel.NONE);
      ctx.response().setStatusCode(202).end();
      return;
    }
    session.receive(
        inbound,
        new HttpExchange(
            Vertx.currentContext(), ctx.response(), session, mode, config.sseKeepAlive()));
  }

  private void withoutSession(RoutingContext ctx, Inbound inbound, AcceptMode mode) {
    if (inbound instanceof Inbound.Single s
        && s.message() instanceof JsonRpcRequest r
        && r.method().equals("initialize")) {
      initialize(ctx, r, mode);
      return;
    }
    for (JsonRpcMessage m : inbound.messages()) {
      if (m instanceof JsonRpcRequest r && isModernProbe(r)) {
        // A 2026-07-28 client probing: a 4xx with a non-modern code makes it fall back to initialize.
        int code = r.method().equals("server/discover") ? ErrorCodes.METHOD_NOT_FOUND : ErrorCodes.SERVER_ERROR;
        reject(ctx, 400, code,
            "This server speaks the session-based protocol (" + String.join(", ", ProtocolVersions.SUPPORTED)
                + "): send initialize", r.id());
        return;
      }
    }
    if (inbound.hasRequest("initialize")) {
      reject(ctx, 400, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: initialize must not be part of a batch", null);
      return;
    }
    reject(ctx, 400, ErrorCodes.SERVER_ERROR,
        "Bad Request: " + SESSION_HEADER + " header is required (send initialize first)", null);
  }

  private void initialize(RoutingContext ctx, JsonRpcRequest request, AcceptMode mode) {
    Context context = Vertx.currentContext();
    HttpServerResponse response = ctx.response();
    sessions
        .initialize(request)
        .whenComplete(
            (outcome, error) ->
                context.runOnContext(
                    v -> {
                      if (error != null) {
                        LOG.error("initialize failed", error);
                        reject(ctx, 500, ErrorCodes.INTERNAL_ERROR, "Internal error", request.id());
                        return;
                      }
                      if (outcome instanceof InitOutcome.Opened o) {
                        response.putHeader(SESSION_HEADER, o.session().id());
                        if (mode == AcceptMode.SSE_ONLY) {
                          HttpExchange ex =
                              new HttpExchange(context, response, o.session(), mode, config.sseKeepAlive());
                          ex.respond(o.response());
                        } else {
                          response
                              .setStatusCode(200)
                              .putHeader("Content-Type", "application/json")
                              .end(Bodies.of(o.response()));
                        }
                      } else {
                        response
                            .setStatusCode(400)
                            .putHeader("Content-Type", "application/json")
                            .end(Bodies.of(outcome.response()));
                      }
                    }));
  }

  private void get(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String sid = req.getHeader(SESSION_HEADER);
    if (sid == null) {
      reject(ctx, 400, ErrorCodes.SERVER_ERROR, "Bad Request: " + SESSION_HEADER + " header is required", null);
      return;
    }
    McpSession session = sessions.find(sid).orElse(null);
    if (session == null) {
      notFound(ctx);
      return;
    }
    ctx.response().putHeader(SESSION_HEADER, sid);
    if (!versionHeaderOk(ctx)) {
      return;
    }
    if (!AcceptMode.of(req.getHeader("Accept")).allowsSse()) {
      reject(ctx, 406, ErrorCodes.SERVER_ERROR, "Not Acceptable: the GET stream is text/event-stream", null);
      return;
    }
    Context context = Vertx.currentContext();
    HttpServerResponse response = ctx.response();
    SseWriter sse = new SseWriter(context, response);
    SseStreamSink sink = new SseStreamSink(context, sse, session);
    if (!session.attachStream(sink)) {
      reject(ctx, 409, ErrorCodes.SERVER_ERROR, "Conflict: this session already has a GET stream", null);
      return;
    }
    response.closeHandler(
        v -> {
          sse.stopKeepAlive();
          session.detachStream(sink);
        });
    sse.start(config.sseKeepAlive());
    sse.comment("stream open");
  }

  private void delete(RoutingContext ctx) {
    String sid = ctx.request().getHeader(SESSION_HEADER);
    if (sid == null) {
      reject(ctx, 400, ErrorCodes.SERVER_ERROR, "Bad Request: " + SESSION_HEADER + " header is required", null);
      return;
    }
    if (!sessions.close(sid, CloseReason.DELETED)) {
      notFound(ctx);
      return;
    }
    ctx.response().setStatusCode(200).end();
  }

  // -- helpers -----------------------------------------------------------------------------------

  private boolean versionHeaderOk(RoutingContext ctx) {
    String version = ctx.request().getHeader(VERSION_HEADER);
    if (version != null && !ProtocolVersions.isSupported(version)) {
      reject(ctx, 400, ErrorCodes.SERVER_ERROR,
          "Bad Request: unsupported protocol version " + version + " (supported: "
              + String.join(", ", ProtocolVersions.SUPPORTED) + ")", null);
      return false;
    }
    return true;
  }

  private static void notFound(RoutingContext ctx) {
    reject(ctx, 404, ErrorCodes.SESSION_NOT_FOUND, "Session not found: send initialize to start a new session", null);
  }

  private static void reject(
      RoutingContext ctx, int status, int code, String message, @Nullable RequestId id) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    r.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Bodies.of(McpJson.errorBytes(id, code, message)));
  }

  private static @Nullable RequestId firstRequestId(Inbound inbound, String method) {
    for (JsonRpcMessage m : inbound.messages()) {
      if (m instanceof JsonRpcRequest r && r.method().equals(method)) {
        return r.id();
      }
    }
    return null;
  }

  private static boolean isModernProbe(JsonRpcRequest r) {
    if (r.method().equals("server/discover")) {
      return true;
    }
    JsonNode p = r.params();
    return p != null && p.path("_meta").has(MODERN_VERSION_META);
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private boolean originAllowed(String origin) {
    if (config.allowedOrigins().contains(origin)) {
      return true;
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      return host != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && config.allowedHosts().contains(normalizeHost(host));
    } catch (URISyntaxException e) {
      return false; // includes the literal "null" origin of sandboxed pages
    }
  }

  static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h;
  }
}
