package io.orderflow.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Every error body: {@code {"detail": ...}}, with field errors when validation failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String detail, List<FieldError> errors) {
  public record FieldError(String field, String message) {}

  public static ErrorResponse of(String detail) {
    return new ErrorResponse(detail, null);
  }
}
