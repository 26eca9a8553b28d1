package io.orderflow.api.rest;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code PUT /api/v1/orders/{id}/status}. */
public record StatusChangeRequest(@NotBlank String status) {}
