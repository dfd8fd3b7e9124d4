package dev.scribe.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads an embedded JSON value back into its text, so payload fields that carry client JSON
 * (tool arguments, sentinel data, read ranges) are stored as real JSON but held as text in the
 * domain records.
 */
final class RawJson extends JsonDeserializer<String> {
  @Override
  public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
    JsonNode node = p.readValueAsTree();
    return Json.mapper().writeValueAsString(node);
  }
}
