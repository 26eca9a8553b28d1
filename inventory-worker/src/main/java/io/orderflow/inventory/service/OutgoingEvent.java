package io.orderflow.inventory.service;

import io.orderflow.model.MessageJson;

/** A message to publish once the batch committed, already serialised. */
public record OutgoingEvent(String topic, String key, byte[] payload) {

  public static OutgoingEvent of(String topic, long key, Object message) {
    return new OutgoingEvent(topic, String.valueOf(key), MessageJson.write(message));
  }
}
