package io.orderflow.api.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/orders/status/bulk}: up to 1000 orders, one target status. */
public record BulkStatusChangeRequest(
    @NotNull @Size(min = 1, max = 1000) List<@NotNull @Positive Long> orderIds,
    @NotBlank String status) {}
