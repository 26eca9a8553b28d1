package io.orderflow.inventory.service;

/** One audited change of a product's stock caused by an order. */
public record StockMovement(
    long productId, long orderId, int reservedDelta, int onHandDelta, String reason) {}
