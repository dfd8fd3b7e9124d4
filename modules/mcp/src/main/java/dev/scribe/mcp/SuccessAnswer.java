package dev.scribe.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.scribe.mcp.jsonrpc.RequestId;
import java.io.IOException;

/**
 * The answer to a successful {@code tools/call}, written field by field: the bytes {@link
 * McpJson#resultBytes} gives for {@link ToolExecution#callToolResult}'s tree, without building
 * that tree (and the message around it) for every call, the most frequent answer there is.
 */
final class SuccessAnswer extends JsonSerializable.Base {
  private final RequestId id;
  private final ToolResult.Success result;

  SuccessAnswer(RequestId id, ToolResult.Success result) {
    this.id = id;
    this.result = result;
  }

  /** The encoded answer. */
  static byte[] bytes(RequestId id, ToolResult.Success result) {
    return McpJson.bytes(new SuccessAnswer(id, result));
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeStartObject();
    g.writeStringField("jsonrpc", "2.0");
    g.writeFieldName("id");
    if (id instanceof RequestId.Number n) {
      g.writeNumber(n.value());
    } else {
      g.writeString(((RequestId.Text) id).value());
    }
    g.writeObjectFieldStart("result");
    g.writeArrayFieldStart("content");
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("text", result.text());
    g.writeEndObject();
    g.writeEndArray();
    g.writeFieldName("structuredContent");
    result.structuredContent().serialize(g, provider);
    g.writeEndObject();
    g.writeEndObject();
  }

  @Override
  public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
      throws IOException {
    serialize(g, provider);
  }
}
