package io.orderflow.inventory.domain;

/** One audited change of a product's stock; {@code orderId} is null when no order caused it. */
public record StockMovement(
    long productId, Long orderId, int reservedDelta, int onHandDelta, String reason) {}
