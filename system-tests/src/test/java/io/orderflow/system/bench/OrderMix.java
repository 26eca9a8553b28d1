package io.orderflow.system.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What the generator orders: one line of quantity 1 of a product picked at random from a set. */
final class OrderMix {
  private final byte[][] bodies;

  private OrderMix(byte[][] bodies) {
    this.bodies = bodies;
  }

  static OrderMix of(List<Long> products) {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("no products to order");
    }
    return new OrderMix(
        products.stream()
            .map(p -> body(p).getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new));
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
