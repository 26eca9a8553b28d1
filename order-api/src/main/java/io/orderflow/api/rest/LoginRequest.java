package io.orderflow.api.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/v1/auth/login}; no password policy, only bounds. */
public record LoginRequest(
    @NotBlank @Size(max = 255) @PlainText String email,
    @NotNull @Size(max = 128) @PlainText String password) {}
