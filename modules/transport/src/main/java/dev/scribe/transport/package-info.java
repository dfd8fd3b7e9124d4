/**
 * MCP transports on Vert.x 5: Streamable HTTP ({@link dev.scribe.transport.McpHttpHandler}),
 * newline-delimited stdio over any stream pair ({@link dev.scribe.transport.StdioTransport}), the
 * loopback listener that {@code scribe stdio} bridges to ({@link
 * dev.scribe.transport.LoopbackServer}) and the bridge itself ({@link
 * dev.scribe.transport.StdioBridge}). Wire decisions: {@code docs/mcp-wire.md}.
 *
 * <pre>{@code
 * McpServer mcp = McpServer.builder()
 *     .serverInfo(new ServerInfo("scribe", version, instructions))
 *     .tools(registry).observer(eventLogObserver).executor(toolExecutor)
 *     .clock(clock).sessionIds(secureHex128).executionIds(ids)
 *     .build();
 * McpHttpHandler http = McpHttpHandler.create(vertx, mcp, HttpTransportConfig.defaults().withBearerToken(token));
 * restoredSessions.forEach(http.sessions()::restore);     // before listening
 * http.mount(router);                                      // then /health, /metrics on the same router
 * vertx.createHttpServer().requestHandler(router).listen(7337, "127.0.0.1");
 * LoopbackServer loopback = LoopbackServer.start(vertx, mcp, LoopbackConfig.defaults().withToken(token)).await();
 * // scribe stdio: System.exit(new StdioBridge("127.0.0.1", loopbackPort, token).run(System.in, System.out));
 * }</pre>
 */
@NullMarked
package dev.scribe.transport;

import org.jspecify.annotations.NullMarked;
