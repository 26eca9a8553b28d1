package io.orderflow.api;

import java.util.List;
import java.util.Map;

/** Order request bodies shared by the order-api tests. */
public final class OrderBodies {

  /** A body every validation accepts: two of product 1 to a complete address. */
  public static Map<String, Object> valid() {
    return Map.of(
        "shipping_address_line1", "1 Main St",
        "shipping_city", "Springfield",
        "shipping_state", "IL",
        "shipping_postal_code", "62701",
        "shipping_country", "US",
        "order_items", List.of(Map.of("product_id", 1, "quantity", 2)));
  }

  private OrderBodies() {}
}
