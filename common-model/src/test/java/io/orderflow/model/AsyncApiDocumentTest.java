package io.orderflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code asyncapi.yaml} describes exactly the topics of {@link Topics} and the message records. */
class AsyncApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<?>> MESSAGES_OF_TOPIC =
      Map.of(
          Topics.ORDERS_COMMANDS, OrderCommand.class,
          Topics.ORDERS_EVENTS, OrderEvent.class,
          Topics.INVENTORY_COMMANDS, ProductCommand.class,
          Topics.INVENTORY_EVENTS, ProductStockChanged.class,
          Topics.INVENTORY_ALERTS, ProductLowOnStock.class);

  private static JsonNode document;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream yaml = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
      assertNotNull(yaml, "asyncapi.yaml is on the class path");
      document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }
    assertEquals("3.0.0", document.path("asyncapi").asText());
  }

  @Test
  void hasAChannelForEveryTopicAndItsDeadLetters() {
    Set<String> expected = new TreeSet<>();
    Topics.PIPELINE.forEach(
        topic -> {
          expected.add(topic);
          expected.add(Topics.deadLetterOf(topic));
        });
    Set<String> addresses = new TreeSet<>();
    document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
    assertEquals(expected, addresses);
    assertEquals(MESSAGES_OF_TOPIC.keySet(), Set.copyOf(Topics.PIPELINE));
  }

  @Test
  void eachTopicCarriesExactlyTheMessagesOfItsJavaType() {
    for (String topic : Topics.PIPELINE) {
      Set<String> documented = new TreeSet<>();
      messagesOf(channel(topic)).forEach(message -> documented.add(message.path("name").asText()));
      assertEquals(typeNamesOf(MESSAGES_OF_TOPIC.get(topic)), documented, topic);
    }
  }

  @Test
  void eachPayloadIsTheMessagesSchemaForItsTopic() throws IOException {
    for (String topic : Topics.PIPELINE) {
      for (JsonNode message : messagesOf(channel(topic))) {
        JsonNode schema = schema(message.path("payload").path("schema").path("$ref").asText());
        String name = message.path("name").asText();
        JsonNode type = schema.path("properties").path("type").path("const");
        if (!type.isMissingNode()) {
          assertEquals(name, type.asText(), "the schema's type of " + name);
        }
        assertTrue(
            schema.path("title").asText().contains("(" + topic + ","),
            name + "'s schema names its topic " + topic + ": " + schema.path("title"));
      }
    }
  }

  @Test
  void everySchemaIsDocumentedOnce() throws IOException, URISyntaxException {
    List<String> referenced = new ArrayList<>();
    document
        .path("components")
        .path("messages")
        .forEach(
            message -> {
              String ref = message.path("payload").path("schema").path("$ref").asText();
              if (!ref.isEmpty()) {
                referenced.add(ref);
              }
            });
    Set<String> schemas;
    try (Stream<Path> files =
        Files.list(Path.of(AsyncApiDocumentTest.class.getResource("/schemas").toURI()))) {
      schemas =
          files
              .map(file -> "schemas/" + file.getFileName())
              .filter(file -> !file.endsWith("common.schema.json"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(schemas, new TreeSet<>(referenced));
    assertEquals(schemas.size(), referenced.size(), "no schema is documented twice");
  }

  @Test
  void deadLettersCarryTheHeadersThePublishersSet() {
    for (String topic : Topics.PIPELINE) {
      for (JsonNode message : messagesOf(channel(Topics.deadLetterOf(topic)))) {
        Set<String> required = new TreeSet<>();
        message.path("headers").path("required").forEach(h -> required.add(h.asText()));
        assertEquals(
            Set.of(
                DeadLetters.REASON,
                DeadLetters.ORIGINAL_TOPIC,
                DeadLetters.ORIGINAL_PARTITION,
                DeadLetters.ORIGINAL_OFFSET),
            required,
            topic);
      }
    }
  }

  private static JsonNode channel(String address) {
    for (JsonNode channel : document.path("channels")) {
      if (channel.path("address").asText().equals(address)) {
        return channel;
      }
    }
    throw new AssertionError("no channel for " + address);
  }

  /** The channel's messages, each resolved from its {@code #/components/messages/...} ref. */
  private static List<JsonNode> messagesOf(JsonNode channel) {
    List<JsonNode> messages = new ArrayList<>();
    channel
        .path("messages")
        .forEach(
            ref -> {
              JsonNode message = document.at(ref.path("$ref").asText().substring(1));
              assertTrue(message.isObject(), "unresolved " + ref);
              messages.add(message);
            });
    return messages;
  }

  private static JsonNode schema(String ref) throws IOException {
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/" + ref)) {
      assertNotNull(in, "no schema " + ref);
      return JSON.readTree(in);
    }
  }

  /** The wire names of a message type: its subtypes' names, or its own in snake case. */
  private static Set<String> typeNamesOf(Class<?> type) {
    JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
    if (subtypes == null) {
      return Set.of(
          new PropertyNamingStrategies.SnakeCaseStrategy().translate(type.getSimpleName()));
    }
    return Arrays.stream(subtypes.value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
