package io.orderflow.api.security;

/** What a login or refresh hands out. */
public record IssuedTokens(String accessToken, long expiresInSeconds, String refreshToken) {}
