package io.orderflow.api.rest;

/**
 * Bodies shown in the OpenAPI document, taken from the demo stack (deploy/local) and the stock body
 * the origin's clients parse. Constants, so that annotations can name them.
 */
final class OpenApiExamples {
  static final String PLACE_ORDER =
      """
      {"shipping_address_line1": "1 Main St", "shipping_city": "Springfield",
       "shipping_state": "IL", "shipping_postal_code": "62701", "shipping_country": "US",
       "order_items": [{"product_id": 1, "quantity": 2}]}""";

  static final String PENDING_ORDER =
      """
      {"order_id": 1001, "user_id": 7, "order_date": "2026-11-26T18:57:28.123Z",
       "status": "pending", "total_amount": 179.80, "shipping_address_line1": "1 Main St",
       "shipping_address_line2": null, "shipping_city": "Springfield", "shipping_state": "IL",
       "shipping_postal_code": "62701", "shipping_country": "US",
       "order_items": [{"order_item_id": 1, "product_id": 1,
         "product_name": "Mechanical keyboard", "quantity": 2, "unit_price": 89.90,
         "subtotal": 179.80}],
       "status_history": [
         {"status": "received", "at": "2026-11-26T18:57:28.123Z", "by": "user:7"},
         {"status": "pending", "at": "2026-11-26T18:57:28.140Z", "by": "inventory-worker"}]}""";

  static final String RECEIVED_ORDER =
      """
      {"order_id": 1001, "user_id": 7, "order_date": "2026-11-26T18:57:28.123Z",
       "status": "received", "total_amount": null, "shipping_address_line1": "1 Main St",
       "shipping_address_line2": null, "shipping_city": "Springfield", "shipping_state": "IL",
       "shipping_postal_code": "62701", "shipping_country": "US",
       "order_items": [{"product_id": 1, "product_name": null, "quantity": 2,
         "unit_price": null, "subtotal": null}],
       "status_history": [
         {"status": "received", "at": "2026-11-26T18:57:28.123Z", "by": "user:7"}]}""";

  static final String STOCK_REJECTION =
      """
      {"detail": {"message": "Some products have insufficient stock",
        "stock_issues": [{"product_id": 1, "product_name": "Premium Widget", "requested": 5,
          "available": 2, "sufficient": false,
          "error": "Insufficient stock. Available: 2, Requested: 5"}]}}""";

  static final String FIELD_ERRORS =
      """
      {"detail": "Validation failed",
       "errors": [{"field": "order_items[0].quantity", "message": "must be less than or equal to 10000"}]}""";

  /** The data of one event of an order's stream. */
  static final String ORDER_EVENT =
      """
      {"order_id": 1001, "version": 2, "status": "confirmed", "at": "2026-11-26T19:02:11.512Z",
       "reason": null}""";

  /** The data of one event of the admin stream. */
  static final String FEED_EVENT =
      """
      {"order_id": 1001, "version": 2, "status": "confirmed", "at": "2026-11-26T19:02:11.512Z",
       "reason": null, "user_id": 7, "total_amount": 179.80}""";

  private OpenApiExamples() {}
}
