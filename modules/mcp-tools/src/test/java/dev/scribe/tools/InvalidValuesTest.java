package dev.scribe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class InvalidValuesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void a_text_value_is_shown_bare_and_anything_else_as_json() {
    assertThat(InvalidValues.message("status", JSON.textNode("maybe"), "one of open, closed"))
        .isEqualTo("Invalid status 'maybe': one of open, closed.");
    assertThat(InvalidValues.message("limit", JSON.arrayNode().add(1), "a whole number"))
        .isEqualTo("Invalid limit '[1]': a whole number.");
  }

  @Test
  void a_long_value_is_cut_to_200_characters() {
    String shown = InvalidValues.shown(JSON.textNode("x".repeat(5000)));

    assertThat(shown).hasSize(200).endsWith("x...");
    assertThat(InvalidValues.shown(JSON.textNode("y".repeat(200)))).isEqualTo("y".repeat(200));
  }
}
