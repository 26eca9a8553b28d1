package io.orderflow.stack;

import static io.orderflow.model.Topics.INVENTORY_ALERTS;
import static io.orderflow.model.Topics.INVENTORY_COMMANDS;
import static io.orderflow.model.Topics.INVENTORY_EVENTS;
import static io.orderflow.model.Topics.ORDERS_COMMANDS;
import static io.orderflow.model.Topics.ORDERS_EVENTS;
import static io.orderflow.model.Topics.deadLetterOf;
import static io.orderflow.stack.KafkaGrant.describe;
import static io.orderflow.stack.KafkaGrant.memberOf;
import static io.orderflow.stack.KafkaGrant.read;
import static io.orderflow.stack.KafkaGrant.write;

import java.util.Arrays;
import java.util.List;

/**
 * The Kafka user of each service and exactly what it reads and writes: the one definition of the
 * ACLs, applied to the local broker by {@link KafkaUsers} and held against the cluster's {@code
 * KafkaUser}s by the deploy/k8s tests (ADR 027). No service uses transactions; an idempotent
 * producer needs only Write on its topics.
 */
public enum ServiceUser {
  ORDER_API(
      "order-api",
      write(ORDERS_COMMANDS),
      write(INVENTORY_COMMANDS),
      // the projections: read model and catalog, each dead-lettering what it cannot apply
      read(ORDERS_EVENTS),
      memberOf("order-api-projection"),
      write(deadLetterOf(ORDERS_EVENTS)),
      read(INVENTORY_EVENTS),
      memberOf("order-api-catalog"),
      write(deadLetterOf(INVENTORY_EVENTS)),
      // the worker's lag in the stock check: its committed offsets against the topics' ends
      describe("inventory-worker"),
      // the dead letters of every topic, for admins to list, replay and discard (ADR 031)
      read(deadLetterOf(ORDERS_COMMANDS)),
      read(deadLetterOf(ORDERS_EVENTS)),
      read(deadLetterOf(INVENTORY_COMMANDS)),
      read(deadLetterOf(INVENTORY_EVENTS)),
      read(deadLetterOf(INVENTORY_ALERTS)),
      memberOf("order-api-dead-letters")),
  INVENTORY_WORKER(
      "inventory-worker",
      read(ORDERS_COMMANDS),
      read(INVENTORY_COMMANDS),
      memberOf("inventory-worker"),
      write(deadLetterOf(ORDERS_COMMANDS)),
      write(deadLetterOf(INVENTORY_COMMANDS)),
      write(ORDERS_EVENTS),
      write(INVENTORY_EVENTS),
      write(INVENTORY_ALERTS),
      // ReservationExpiry asks for the cancellation of an unconfirmed order as an admin would
      write(ORDERS_COMMANDS)),
  NOTIFICATION_CONSUMER(
      "notification-consumer", read(ORDERS_EVENTS), memberOf("notification-consumer"));

  private final String username;
  private final List<KafkaGrant> grants;

  ServiceUser(String username, KafkaGrant... grants) {
    this.username = username;
    this.grants = List.of(grants);
  }

  /** The user's name, which is also its service's module and Kubernetes name. */
  public String username() {
    return username;
  }

  public List<KafkaGrant> grants() {
    return grants;
  }

  /** The user of the service in {@code module}. */
  public static ServiceUser of(String module) {
    return Arrays.stream(values())
        .filter(user -> user.username.equals(module))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Kafka user for " + module));
  }
}
