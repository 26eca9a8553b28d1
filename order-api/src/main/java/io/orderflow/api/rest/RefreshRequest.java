package io.orderflow.api.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/auth/refresh}, and optionally of logout. */
public record RefreshRequest(@NotBlank @Size(max = 128) @PlainText String refreshToken) {}
