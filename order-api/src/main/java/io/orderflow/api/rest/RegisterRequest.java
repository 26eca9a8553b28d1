package io.orderflow.api.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/auth/register}. */
public record RegisterRequest(
    @NotBlank @Size(max = 255) @Email @PlainText String email,
    @NotNull @Size(min = 8, max = 128) @PlainText String password,
    @NotBlank @Size(max = 255) @PlainText @Visible String fullName) {}
