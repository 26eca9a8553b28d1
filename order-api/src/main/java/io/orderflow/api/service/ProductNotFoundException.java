package io.orderflow.api.service;

/** No product with that id in the catalog. */
public class ProductNotFoundException extends RuntimeException {
  public ProductNotFoundException(long productId) {
    super("Product not found");
  }
}
