package io.orderflow.api.rest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read exactly as typed: a number field takes a JSON number of its kind (an
 * integer field no fraction or exponent, no string, no boolean; a decimal also its exact decimal
 * text), a text field takes a JSON string, a value out of its type's range fails, and a body holds
 * one JSON value with no repeated keys. Jackson's defaults would quietly turn {@code 1.5} into 1
 * and {@code "5"} into 5.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    refuse(
        mapper,
        LogicalType.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString,
        CoercionInputShape.Boolean);
    // money may come as its exact decimal text ("89.90", as the demo catalog sends it): that is
    // no coercion, a string that is not a plain decimal still fails
    refuse(mapper, LogicalType.Float, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
    refuse(
        mapper,
        LogicalType.Textual,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean);
  }

  private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }
}
