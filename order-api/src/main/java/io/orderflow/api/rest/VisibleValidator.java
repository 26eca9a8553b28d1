package io.orderflow.api.rest;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;

/** See {@link Visible}. */
public class VisibleValidator implements ConstraintValidator<Visible, CharSequence> {
  /** Letters and symbols by category that render as nothing in common fonts. */
  private static final Set<Integer> BLANK_GLYPHS =
      Set.of(
          0x115F, // Hangul choseong filler
          0x1160, // Hangul jungseong filler
          0x3164, // Hangul filler
          0xFFA0, // half-width Hangul filler
          0x2800, // Braille pattern blank
          0x180E, // Mongolian vowel separator
          0x200C, // zero-width non-joiner (allowed inside text by @PlainText, not alone)
          0x200D); // zero-width joiner

  @Override
  public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
    return text == null || text.codePoints().anyMatch(VisibleValidator::shows);
  }

  private static boolean shows(int c) {
    return !Character.isWhitespace(c)
        && !Character.isSpaceChar(c)
        && !BLANK_GLYPHS.contains(c)
        && Character.getType(c) != Character.FORMAT
        && Character.getType(c) != Character.CONTROL;
  }
}
