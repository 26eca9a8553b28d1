package io.orderflow.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The one JSON mapping of Kafka messages, used by every producer and consumer. */
public final class MessageJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public static byte[] write(Object message) {
    try {
      return MAPPER.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise " + message.getClass(), e);
    }
  }

  /**
   * Reads one message.
   *
   * @throws MalformedMessageException when the bytes are not a valid message of that type
   */
  public static <T> T read(byte[] json, Class<T> type) {
    if (json == null) {
      throw new MalformedMessageException("empty message", null);
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedMessageException("not a valid " + type.getSimpleName(), e);
    }
  }

  private MessageJson() {}
}
