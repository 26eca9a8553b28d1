package io.orderflow.api.rest;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Refuses control characters (C0, DEL, C1 such as U+0085), format characters (Unicode category Cf:
 * U+202E right-to-left override, U+200B zero-width space, U+2060, U+FEFF ...), the line and
 * paragraph separators U+2028/U+2029 and unpaired surrogates. The zero-width (non-)joiners U+200C
 * and U+200D stay allowed: emoji sequences and Persian and Indic scripts need them.
 */
public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {
  private boolean multiline;

  @Override
  public void initialize(PlainText annotation) {
    multiline = annotation.multiline();
  }

  @Override
  public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
    return text == null || text.codePoints().allMatch(this::allowed);
  }

  private boolean allowed(int c) {
    if (c == '\n' || c == '\r' || c == '\t') {
      return multiline;
    }
    if (c == '\u200C' || c == '\u200D') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          false;
      default -> true;
    };
  }
}
