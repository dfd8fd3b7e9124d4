package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorTableTest {
  private final ErrorTable table = ErrorTable.standard();

  @Test
  void each_standard_mapping_once() {
    assertThat(table.map(new IllegalArgumentException("a")).code()).isEqualTo("invalid_argument");
    assertThat(table.map(new NoSuchElementException("b")).code()).isEqualTo("not_found");
    assertThat(table.map(new IllegalStateException("c")).code()).isEqualTo("failed_precondition");
    assertThat(table.map(new SecurityException("d")).code()).isEqualTo("permission_denied");
    assertThat(table.map(new UnsupportedOperationException("e")).code()).isEqualTo("unsupported");
    assertThat(table.map(new TimeoutException("f")).code()).isEqualTo("timeout");
    ToolResult.Failure bug = table.map(new ArithmeticException("g"));
    assertThat(bug.code()).isEqualTo("internal_error");
    assertThat(bug.message()).isEqualTo("Internal error: g");
    assertThat(table.isUnexpected(new ArithmeticException())).isTrue();
  }

  @Test
  void wrappers_are_removed_subclasses_inherit_and_extensions_win() {
    assertThat(table.map(new CompletionException(new NumberFormatException("n"))).code())
        .isEqualTo("invalid_argument");
    class Conflict extends IllegalStateException {
      private static final long serialVersionUID = 1L;

      Conflict() {
        super("expected version 3, found 4");
      }
    }
    ErrorTable extended = table.with(Conflict.class, "version_conflict");
    assertThat(extended.map(new Conflict()).code()).isEqualTo("version_conflict");
    assertThat(table.map(new Conflict()).code()).isEqualTo("failed_precondition");
    ToolResult.Failure f = table.map(new ToolException("quota", "q", McpJson.object().put("n", 1)));
    assertThat(f.code()).isEqualTo("quota");
    assertThat(f.details().get("n").asInt()).isEqualTo(1);
  }
}
