package io.orderflow.api.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A name that shows on screen: at least one character that is neither a space of any kind (NBSP,
 * U+3000 ...) nor a letter that draws nothing (U+3164 Hangul filler, U+2800 blank Braille ...).
 * {@code @NotBlank} sees only ASCII-like whitespace. See {@link VisibleValidator}.
 */
@Constraint(validatedBy = VisibleValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface Visible {
  String message() default "must contain a visible character";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
