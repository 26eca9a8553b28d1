package io.orderflow.system.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the generator orders: one line of quantity 1 of a product picked at random from a set, with
 * or without an {@code Idempotency-Key} (a fresh one per order, as a checkout that may retry sends
 * it).
 */
final class OrderMix {
  private final byte[][] bodies;
  private final boolean keyed;

  private OrderMix(byte[][] bodies, boolean keyed) {
    this.bodies = bodies;
    this.keyed = keyed;
  }

  static OrderMix of(List<Long> products) {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("no products to order");
    }
    return new OrderMix(
        products.stream().map(p -> body(p).getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new),
        false);
  }

  /** The same orders, each with an idempotency key of its own. */
  OrderMix withIdempotencyKeys() {
    return new OrderMix(bodies, true);
  }

  /** Whether each request carries a fresh {@code Idempotency-Key}. */
  boolean keyed() {
    return keyed;
  }

  /** The next request body, a buffer of its own. */
  Buffer next() {
    return Buffer.buffer(bodies[ThreadLocalRandom.current().nextInt(bodies.length)]);
  }

  /** order-api's request body (snake_case) for one unit of the product. */
  static String body(long product) {
    return "{\"shipping_address_line1\":\"1 Main St\",\"shipping_city\":\"Springfield\","
        + "\"shipping_state\":\"IL\",\"shipping_postal_code\":\"62701\","
        + "\"shipping_country\":\"US\",\"order_items\":[{\"product_id\":"
        + product
        + ",\"quantity\":1}]}";
  }
}
