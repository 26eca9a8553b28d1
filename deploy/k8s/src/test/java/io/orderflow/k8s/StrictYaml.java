package io.orderflow.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * YAML into the typed fabric8 and Strimzi models, refusing every field the model does not know.
 * Both models keep unknown fields in an {@code @JsonAnySetter} map ("additionalProperties"), which
 * would make a misspelt {@code readinesProbe} pass silently; this mapper ignores those setters, so
 * FAIL_ON_UNKNOWN_PROPERTIES applies.
 */
final class StrictYaml {
  private static final ObjectMapper STRICT =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                  return Boolean.FALSE;
                }
              });

  private static final ObjectMapper TREES = new ObjectMapper(new YAMLFactory());

  /** The documents of a YAML file as trees, skipping empty ones (a comment before {@code ---}). */
  static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> documents =
        TREES.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      return documents.readAll().stream()
          .filter(document -> document != null && !document.isNull() && !document.isMissingNode())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code tree} as a {@code type}; fails on any field {@code type} does not declare. */
  static <T> T typed(JsonNode tree, Class<T> type) {
    try {
      return STRICT.treeToValue(tree, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private StrictYaml() {}
}
