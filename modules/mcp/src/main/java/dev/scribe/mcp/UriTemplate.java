package dev.scribe.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches URIs against an RFC 6570 level-1 template ({@code test://items/{id}/data}). Only simple
 * {@code {name}} expressions are supported: a simple expansion percent-encodes reserved
 * characters, so a variable never spans a {@code /}, {@code ?} or {@code #}, and matching is
 * unambiguous. Operators ({@code {+x}}, {@code {?x}}...) are refused when the registry is built,
 * rather than matched wrongly.
 */
final class UriTemplate {
  private static final Pattern EXPRESSION = Pattern.compile("\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final String template;
  private final Pattern pattern;
  private final List<String> names;

  private UriTemplate(String template, Pattern pattern, List<String> names) {
    this.template = template;
    this.pattern = pattern;
    this.names = names;
  }

  /**
   * @throws IllegalArgumentException for an expression other than {@code {name}}, or unbalanced
   *     braces
   */
  static UriTemplate parse(String template) {
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(template);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!NAME.matcher(name).matches() || names.contains(name)) {
        throw new IllegalArgumentException(
            "unsupported URI template expression {" + name + "} in " + template
                + " (only distinct simple {name} expressions)");
      }
      regex.append(literal(template, template.substring(last, m.start())));
      regex.append("([^/?#]+)");
      names.add(name);
      last = m.end();
    }
    regex.append(literal(template, template.substring(last)));
    return new UriTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
  }

  private static String literal(String template, String part) {
    if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
      throw new IllegalArgumentException("unbalanced braces in URI template " + template);
    }
    return Pattern.quote(part);
  }

  /** The variables, if {@code uri} matches. */
  Optional<Map<String, String>> match(String uri) {
    Matcher m = pattern.matcher(uri);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      vars.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(vars);
  }

  @Override
  public String toString() {
    return template;
  }
}
