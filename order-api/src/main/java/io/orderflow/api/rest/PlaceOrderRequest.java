package io.orderflow.api.rest;

import io.orderflow.model.OrderLine;
import io.orderflow.model.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/orders/}; field limits as in the origin's schema. */
public record PlaceOrderRequest(
    @NotBlank @Size(max = 255) @PlainText String shippingAddressLine1,
    @Size(max = 255) @PlainText String shippingAddressLine2,
    @NotBlank @Size(max = 100) @PlainText String shippingCity,
    @NotBlank @Size(max = 100) @PlainText String shippingState,
    @NotBlank @Size(max = 20) @PlainText String shippingPostalCode,
    @NotBlank @Size(max = 100) @PlainText String shippingCountry,
    @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> orderItems) {

  @Schema(name = "OrderItemRequest")
  public record Item(
      @NotNull @Positive Long productId, @NotNull @Min(1) @Max(10000) Integer quantity) {}

  ShippingAddress shippingAddress() {
    return new ShippingAddress(
        shippingAddressLine1,
        shippingAddressLine2,
        shippingCity,
        shippingState,
        shippingPostalCode,
        shippingCountry);
  }

  List<OrderLine> lines() {
    return orderItems.stream().map(i -> new OrderLine(i.productId(), i.quantity())).toList();
  }
}
