package dev.scribe.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.McpJson;

/** The schemas the elicitation and JSON Schema scenarios check, field by field. */
final class ElicitationSchemas {
  private ElicitationSchemas() {}

  /** tools-call-elicitation: two required strings. */
  static ObjectNode userInfo() {
    return McpJson.parseObject(
        """
        {"type":"object","properties":{
          "username":{"type":"string","description":"User's response"},
          "email":{"type":"string","description":"User's email address"}},
         "required":["username","email"]}""");
  }

  /** SEP-1034: a default for every primitive type. */
  static ObjectNode withDefaults() {
    return McpJson.parseObject(
        """
        {"type":"object","properties":{
          "name":{"type":"string","description":"User name","default":"John Doe"},
          "age":{"type":"integer","description":"User age","default":30},
          "score":{"type":"number","description":"User score","default":95.5},
          "status":{"type":"string","description":"User status",
                    "enum":["active","inactive","pending"],"default":"active"},
          "verified":{"type":"boolean","description":"Verification status","default":true}}}""");
  }

  /** SEP-1330: untitled and titled single-select, the legacy enumNames form, two multi-selects. */
  static ObjectNode enums() {
    return McpJson.parseObject(
        """
        {"type":"object","properties":{
          "untitledSingle":{"type":"string","description":"Untitled single-select",
                            "enum":["option1","option2","option3"]},
          "titledSingle":{"type":"string","description":"Titled single-select","oneOf":[
                            {"const":"value1","title":"First Option"},
                            {"const":"value2","title":"Second Option"},
                            {"const":"value3","title":"Third Option"}]},
          "legacyEnum":{"type":"string","description":"Legacy titled enum",
                        "enum":["opt1","opt2","opt3"],
                        "enumNames":["Option One","Option Two","Option Three"]},
          "untitledMulti":{"type":"array","description":"Untitled multi-select",
                           "items":{"type":"string","enum":["option1","option2","option3"]}},
          "titledMulti":{"type":"array","description":"Titled multi-select","items":{"anyOf":[
                           {"const":"value1","title":"First Choice"},
                           {"const":"value2","title":"Second Choice"},
                           {"const":"value3","title":"Third Choice"}]}}}}""");
  }

  /** json-schema-2020-12 (SEP-1613): $schema, $defs and additionalProperties must survive listing. */
  static final String JSON_SCHEMA_2020_12 =
      """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
       "$defs":{"address":{"type":"object","properties":{
         "street":{"type":"string"},"city":{"type":"string"}}}},
       "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
       "additionalProperties":false}""";
}
