package io.orderflow.inventory.service;

/** An event to publish after the batch committed, already serialised. */
public record OutgoingEvent(long orderId, byte[] payload) {}
