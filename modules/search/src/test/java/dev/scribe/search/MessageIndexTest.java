package dev.scribe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageIndexTest {

  @Test
  void trigrams_cover_the_padded_folded_message() {
    assertThat(Trigrams.grams("Ab")).containsExactly("\u0002ab", "ab\u0003", "b\u0003\u0003");
    assertThat(Trigrams.grams("🐞x")).containsExactly("\u0002🐞x", "🐞x\u0003", "x\u0003\u0003");
  }

  @Test
  void regex_literals_are_only_what_every_match_must_contain() {
    assertThat(RegexLiterals.required("m[13]")).containsExactly("m");
    assertThat(RegexLiterals.required("foo.*bar")).containsExactly("foo", "bar");
    assertThat(RegexLiterals.required("colou?r")).containsExactly("colo", "r");
    assertThat(RegexLiterals.required("ab+c")).containsExactly("ab", "c");
    assertThat(RegexLiterals.required("x{2}yz")).containsExactly("yz");
    assertThat(RegexLiterals.required("(fix|build) done")).containsExactly(" done");
    assertThat(RegexLiterals.required("a\\.b\\d+c")).containsExactly("a.b", "c");
    assertThat(RegexLiterals.required("^start$")).containsExactly("start");
    assertThat(RegexLiterals.required("[)(]abc")).containsExactly("abc");
    assertThat(RegexLiterals.required("abc|def")).isEmpty();
    assertThat(RegexLiterals.required("(?x) a b c")).isEmpty();
    assertThat(RegexLiterals.required("\\Qa.b\\E")).isEmpty();
    assertThat(RegexLiterals.required("\\p{Lu}abc")).isEmpty();
    assertThat(RegexLiterals.required("abc*?d")).isEqualTo(List.of("ab", "d"));
  }
}
