package dev.scribe.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

  @Test
  void simple_expressions_match_one_segment_each() {
    UriTemplate t = UriTemplate.parse("test://template/{id}/data/{part}");
    assertThat(t.match("test://template/123/data/x")).contains(Map.of("id", "123", "part", "x"));
    assertThat(t.match("test://template/1/2/data/x")).isEmpty();
    assertThat(t.match("test://template//data/x")).isEmpty();
    assertThat(t.match("test://template/123/data/x?q")).isEmpty();
  }

  @Test
  void literal_characters_are_not_regex() {
    UriTemplate t = UriTemplate.parse("a.b+c://{x}");
    assertThat(t.match("a.b+c://1")).isPresent();
    assertThat(t.match("aXb+c://1")).isEmpty();
  }

  @Test
  void operators_and_unbalanced_braces_are_refused() {
    assertThatThrownBy(() -> UriTemplate.parse("x://{+path}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UriTemplate.parse("x://{?q}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UriTemplate.parse("x://{a}/{a}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UriTemplate.parse("x://{a")).isInstanceOf(IllegalArgumentException.class);
  }
}
