package io.orderflow.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderflow.model.MessageJson;
import java.util.List;
import java.util.Map;

/** The order body every system test sends: one shipping address and the lines it is given. */
final class OrderBodies {

  static Map<String, Object> order(List<Map<String, Object>> items) {
    return Map.of(
        "shipping_address_line1", "1 Main St",
        "shipping_city", "Springfield",
        "shipping_state", "IL",
        "shipping_postal_code", "62701",
        "shipping_country", "US",
        "order_items", items);
  }

  static Map<String, Object> line(long productId, int quantity) {
    return Map.of("product_id", productId, "quantity", quantity);
  }

  /** The same body as JSON, for the clients that send raw requests. */
  static String json(Map<Long, Integer> quantityByProduct) {
    List<Map<String, Object>> lines =
        quantityByProduct.entrySet().stream().map(e -> line(e.getKey(), e.getValue())).toList();
    return new String(MessageJson.write(order(lines)), UTF_8);
  }

  private OrderBodies() {}
}
