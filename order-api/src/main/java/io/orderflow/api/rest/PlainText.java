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
 * Free text a person typed: any letters, digits, symbols and emoji, but no control characters (no
 * NUL, no line breaks unless {@link #multiline()}) and no invisible formatting characters that
 * reorder or hide text where admins and customers read it (see {@link PlainTextValidator}).
 */
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface PlainText {
  String message() default "must not contain control or invisible formatting characters";

  /** Whether line feeds, carriage returns and tabs are allowed (a description). */
  boolean multiline() default false;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
