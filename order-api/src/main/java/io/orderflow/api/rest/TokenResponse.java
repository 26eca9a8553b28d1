package io.orderflow.api.rest;

import io.orderflow.api.security.IssuedTokens;

/** The answer of login and refresh, in the OAuth2 token response shape. */
public record TokenResponse(
    String accessToken, String tokenType, long expiresIn, String refreshToken) {

  static TokenResponse of(IssuedTokens tokens) {
    return new TokenResponse(
        tokens.accessToken(), "bearer", tokens.expiresInSeconds(), tokens.refreshToken());
  }
}
