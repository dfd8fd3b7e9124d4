package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.jsonrpc.ErrorCodes;
import dev.scribe.mcp.jsonrpc.JsonRpcException;
import dev.scribe.mcp.jsonrpc.JsonRpcRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The optional server features besides tools (resources, prompts, completion) and their methods.
 * A feature that was not configured, or is empty, is neither advertised nor served: its methods
 * stay "method not found", so a server without them answers exactly as before they existed.
 * Reads, prompt rendering and completion run on the executor (they may block); lists are
 * precomputed and answered at once.
 */
final class ServerFeatures {
  private final @Nullable ResourceRegistry resources;
  private final @Nullable PromptRegistry prompts;
  private final @Nullable CompletionHandler completions;
  private final Executor executor;

  ServerFeatures(
      @Nullable ResourceRegistry resources,
      @Nullable PromptRegistry prompts,
      @Nullable CompletionHandler completions,
      Executor executor) {
    this.resources = resources == null || resources.isEmpty() ? null : resources;
    this.prompts = prompts == null || prompts.isEmpty() ? null : prompts;
    this.completions = completions;
    this.executor = executor;
  }

  /** Adds the capabilities of the configured features to an {@code initialize} result. */
  void advertise(ObjectNode capabilities) {
    if (resources != null) {
      capabilities.putObject("resources").put("subscribe", true).put("listChanged", false);
    }
    if (prompts != null) {
      capabilities.putObject("prompts").put("listChanged", false);
    }
    if (completions != null) {
      capabilities.putObject("completions");
    }
  }

  /**
   * The result of {@code r}, or empty if no configured feature serves its method. Protocol faults
   * are {@link JsonRpcException}s (thrown, or failing the stage).
   */
  Optional<CompletableFuture<JsonNode>> handle(McpSession session, JsonRpcRequest r) {
    ResourceRegistry res = resources;
    PromptRegistry pr = prompts;
    CompletionHandler ch = completions;
    switch (r.method()) {
      case "resources/list":
        return res == null ? Optional.empty() : done(res.list(McpSession.stringParam(r, "cursor")));
      case "resources/templates/list":
        return res == null ? Optional.empty() : done(res.templateList(McpSession.stringParam(r, "cursor")));
      case "resources/read":
        if (res == null) {
          return Optional.empty();
        }
        String uri = requiredString(r, "uri");
        return Optional.of(async(() -> res.read(uri)));
      case "resources/subscribe":
        if (res == null) {
          return Optional.empty();
        }
        String subscribed = requiredString(r, "uri");
        if (res.resolve(subscribed).isEmpty()) {
          throw ResourceRegistry.notFound(subscribed);
        }
        session.subscribe(subscribed);
        return done(McpJson.object());
      case "resources/unsubscribe":
        if (res == null) {
          return Optional.empty();
        }
        session.unsubscribe(requiredString(r, "uri"));
        return done(McpJson.object());
      case "prompts/list":
        return pr == null ? Optional.empty() : done(pr.list(McpSession.stringParam(r, "cursor")));
      case "prompts/get":
        if (pr == null) {
          return Optional.empty();
        }
        String name = requiredString(r, "name");
        Map<String, String> arguments = stringMap(r.params() == null ? null : r.params().get("arguments"), "params.arguments");
        return Optional.of(async(() -> pr.get(name, arguments)));
      case "completion/complete":
        if (ch == null) {
          return Optional.empty();
        }
        CompletionRequest request = completionRequest(r);
        return Optional.of(
            async(
                () -> {
                  try {
                    return ch.complete(request).toJson();
                  } catch (IllegalArgumentException e) {
                    throw JsonRpcException.invalidParams(String.valueOf(e.getMessage()));
                  }
                }));
      default:
        return Optional.empty();
    }
  }

  private static Optional<CompletableFuture<JsonNode>> done(JsonNode result) {
    return Optional.of(CompletableFuture.completedFuture(result));
  }

  private CompletableFuture<JsonNode> async(Callable<JsonNode> work) {
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              f.complete(work.call());
            } catch (Exception | Error e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new JsonRpcException(ErrorCodes.INTERNAL_ERROR, "Server is shutting down"));
    }
    return f;
  }

  private static String requiredString(JsonRpcRequest r, String name) {
    return McpSession.stringParam(r, name)
        .orElseThrow(() -> JsonRpcException.invalidParams(r.method() + " needs params." + name + " (a string)"));
  }

  /** A JSON object of strings (prompt arguments, completion context); absent or null: empty. */
  private static Map<String, String> stringMap(@Nullable JsonNode node, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw JsonRpcException.invalidParams(what + " must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw JsonRpcException.invalidParams(what + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static CompletionRequest completionRequest(JsonRpcRequest r) {
    JsonNode p = r.params();
    JsonNode ref = p == null ? null : p.get("ref");
    JsonNode argument = p == null ? null : p.get("argument");
    if (ref == null || !ref.isObject() || argument == null || !argument.isObject()) {
      throw JsonRpcException.invalidParams("completion/complete needs params.ref and params.argument");
    }
    CompletionRef target;
    String type = ref.path("type").asText("");
    if (type.equals("ref/prompt") && ref.path("name").isTextual()) {
      target = new CompletionRef.PromptRef(ref.get("name").textValue());
    } else if (type.equals("ref/resource") && ref.path("uri").isTextual()) {
      target = new CompletionRef.ResourceRef(ref.get("uri").textValue());
    } else {
      throw JsonRpcException.invalidParams(
          "params.ref must be {type:\"ref/prompt\",name} or {type:\"ref/resource\",uri}");
    }
    if (!argument.path("name").isTextual() || !argument.path("value").isTextual()) {
      throw JsonRpcException.invalidParams("params.argument needs name and value (strings)");
    }
    JsonNode context = p.path("context").get("arguments");
    return new CompletionRequest(
        target,
        argument.get("name").textValue(),
        argument.get("value").textValue(),
        stringMap(context, "params.context.arguments"));
  }
}
