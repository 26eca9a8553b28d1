package io.orderflow.system;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads: what remains once functions and labels are gone. */
final class PromQlMetrics {
  private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
  private static final Pattern SELECTORS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w:.])([a-zA-Z_:][\\w:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

  static Set<String> of(String expression) {
    String stripped = STRINGS.matcher(expression).replaceAll("");
    stripped = SELECTORS.matcher(stripped).replaceAll("");
    stripped = RANGES.matcher(stripped).replaceAll("");
    stripped = LABEL_LISTS.matcher(stripped).replaceAll("");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(stripped);
    while (identifier.find()) {
      boolean functionCall = identifier.group(2) != null;
      if (!functionCall && !KEYWORDS.contains(identifier.group(1))) {
        names.add(identifier.group(1));
      }
    }
    return names;
  }

  private PromQlMetrics() {}
}
