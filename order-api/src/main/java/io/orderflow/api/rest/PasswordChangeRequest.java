package io.orderflow.api.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/users/me/password}: the new password follows the registration rules. */
public record PasswordChangeRequest(
    @NotNull @Size(max = 128) @PlainText String currentPassword,
    @NotNull @Size(min = 8, max = 128) @PlainText String newPassword) {}
