package io.orderflow.inventory.service;

import java.math.BigDecimal;

/** New catalog data for a product; null fields stay as they are. */
public record ProductUpdate(
    String name, String description, BigDecimal price, Integer lowStockThreshold) {}
