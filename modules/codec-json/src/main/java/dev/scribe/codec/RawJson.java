package dev.scribe.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Payload fields that carry client JSON (tool arguments, sentinel data, read ranges) are held as
 * compact JSON object text in the domain records and embedded as real JSON in the payload. Writing
 * parses the text, so a value that is not exactly one JSON object can never reach the log (and
 * cannot inject sibling fields); reading turns the embedded object back into its compact text.
 *
 * <p>Both directions copy token by token from a parser to a generator instead of building a tree
 * (every tool call's record carries its arguments this way). The output is the same as writing the
 * parsed tree: numbers are copied exactly ({@link JsonGenerator#copyCurrentEventExact}, so {@code
 * 1.10} stays {@code 1.10}, as with the mapper's exact decimal nodes), and the mapper's parser
 * features (duplicate keys rejected) apply.
 */
final class RawJson {
  private RawJson() {}

  /**
   * Copies the object {@code p} is at (its START_OBJECT is the current token) to {@code out},
   * leaving {@code p} at the matching END_OBJECT.
   */
  static void copyObject(JsonParser p, JsonGenerator out) throws IOException {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      if (t == null) throw new JsonMappingException(p, "unexpected end of JSON-text field");
      out.copyCurrentEventExact(p);
      if (t.isStructStart()) depth++;
      else if (t.isStructEnd()) depth--;
    } while (depth > 0 && p.nextToken() != null);
    if (depth != 0) throw new JsonMappingException(p, "unexpected end of JSON-text field");
  }

  static final class Writer extends JsonSerializer<String> {
    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      try (JsonParser p = Json.mapper().createParser(value)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw JsonMappingException.from(gen, "JSON-text field must hold one JSON object");
        }
        // A bad value fails mid-copy; the encode then fails as a whole, so half an object written
        // into the payload buffer never reaches the log.
        copyObject(p, gen);
        if (p.nextToken() != null) {
          throw JsonMappingException.from(gen, "JSON-text field must hold one JSON object");
        }
      } catch (JsonMappingException e) {
        throw e;
      } catch (JsonProcessingException e) {
        throw JsonMappingException.from(gen, "JSON-text field is not valid JSON: " + e.getMessage());
      }
    }
  }

  static final class Reader extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw JsonMappingException.from(p, "expected a JSON object");
      }
      StringWriter w = new StringWriter(128);
      try (JsonGenerator g = Json.mapper().createGenerator(w)) {
        copyObject(p, g);
      }
      return w.toString();
    }
  }
}
