package dev.scribe.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * Jackson annotations for domain records, kept out of the domain module: fields holding JSON text
 * are written as embedded JSON under a shorter name.
 */
final class Mixins {
  private Mixins() {}

  abstract static class ToolInvokedMixin {
    @JsonCreator
    ToolInvokedMixin(
        @JsonProperty("tool") String tool,
        @JsonProperty("arguments") @JsonDeserialize(using = RawJson.Reader.class) String argumentsJson,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("errorCode") String errorCode,
        @JsonProperty("durationMicros") long durationMicros) {}

    @JsonProperty("arguments")
    @JsonSerialize(using = RawJson.Writer.class)
    abstract String argumentsJson();
  }

  abstract static class SentinelEventAppendedMixin {
    @JsonCreator
    SentinelEventAppendedMixin(
        @JsonProperty("repoRoot") String repoRoot,
        @JsonProperty("repoId") String repoId,
        @JsonProperty("day") String day,
        @JsonProperty("eventType") String eventType,
        @JsonProperty("intent") String intent,
        @JsonProperty("agent") String agent,
        @JsonProperty("affectedProjects") List<String> affectedProjects,
        @JsonProperty("data") @JsonDeserialize(using = RawJson.Reader.class) String dataJson,
        @JsonProperty("caseId") String caseId) {}

    @JsonProperty("data")
    @JsonSerialize(using = RawJson.Writer.class)
    abstract String dataJson();
  }

  abstract static class FileReadMixin {
    @JsonCreator
    FileReadMixin(
        @JsonProperty("readMode") String readMode,
        @JsonProperty("absolutePath") String absolutePath,
        @JsonProperty("repoRelativePath") String repoRelativePath,
        @JsonProperty("byteSize") long byteSize,
        @JsonProperty("lineCount") long lineCount,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("newlineType") String newlineType,
        @JsonProperty("encoding") String encoding,
        @JsonProperty("estimatedChunkCount") long estimatedChunkCount,
        @JsonProperty("range") @JsonDeserialize(using = RawJson.Reader.class) String rangeJson,
        @JsonProperty("agent") String agent,
        @JsonProperty("project") String project,
        @JsonProperty("repoRoot") String repoRoot) {}

    @JsonProperty("range")
    @JsonSerialize(using = RawJson.Writer.class)
    abstract String rangeJson();
  }
}
