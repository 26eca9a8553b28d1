package io.orderflow.bench.reference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** order-api's body of {@code POST /api/v1/orders/}, with the same field limits. */
public record PlaceOrderRequest(
    @NotBlank @Size(max = 255) String shippingAddressLine1,
    @Size(max = 255) String shippingAddressLine2,
    @NotBlank @Size(max = 100) String shippingCity,
    @NotBlank @Size(max = 100) String shippingState,
    @NotBlank @Size(max = 20) String shippingPostalCode,
    @NotBlank @Size(max = 100) String shippingCountry,
    @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> orderItems) {

  public record Item(
      @NotNull @Positive Long productId, @NotNull @Min(1) @Max(10000) Integer quantity) {}

  /** Quantity per product, lines of one product merged, in ascending id: the order of locking. */
  SortedMap<Long, Integer> quantities() {
    SortedMap<Long, Integer> quantities = new TreeMap<>();
    orderItems.forEach(item -> quantities.merge(item.productId(), item.quantity(), Integer::sum));
    return quantities;
  }
}
