package dev.scribe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * Payload fields that carry client JSON (tool arguments, sentinel data, read ranges) are held as
 * compact JSON object text in the domain records and embedded as real JSON in the payload. Writing
 * parses the text, so a value that is not exactly one JSON object can never reach the log (and
 * cannot inject sibling fields); reading turns the embedded object back into its compact text.
 */
final class RawJson {
  private RawJson() {}

  static final class Writer extends JsonSerializer<String> {
    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      JsonNode node;
      try {
        node = Json.mapper().readTree(value);
      } catch (IOException e) {
        throw JsonMappingException.from(gen, "JSON-text field is not valid JSON: " + e.getMessage());
      }
      if (node == null || !node.isObject()) {
        throw JsonMappingException.from(gen, "JSON-text field must hold one JSON object");
      }
      gen.writeTree(node);
    }
  }

  static final class Reader extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = ctx.readTree(p);
      if (node == null || !node.isObject()) {
        throw JsonMappingException.from(p, "expected a JSON object");
      }
      return Json.mapper().writeValueAsString(node);
    }
  }
}
