package io.orderflow.api.security;

import io.orderflow.api.domain.Account;
import io.orderflow.api.domain.ThrottledException;
import io.orderflow.api.persistence.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/** Login sessions: token pairs handed out at login and refresh, revoked at logout. */
@ApplicationScoped
public class Sessions {
  private static final Logger LOG = Logger.getLogger(Sessions.class);

  private final AccessTokenIssuer accessTokens;
  private final RefreshTokens refreshTokens;
  private final TokenDenyList denyList;
  private final UserRepository users;
  private final RequestLimits limits;

  Sessions(
      AccessTokenIssuer accessTokens,
      RefreshTokens refreshTokens,
      TokenDenyList denyList,
      UserRepository users,
      RequestLimits limits) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.denyList = denyList;
    this.users = users;
    this.limits = limits;
  }

  public IssuedTokens open(Account account) {
    return tokensFor(account, refreshTokens.open(account.id()));
  }

  /**
   * A new pair for a valid refresh token of an account that may still log in; {@link
   * ThrottledException} when the address refreshed too often.
   */
  public IssuedTokens refresh(String refreshToken, String address) {
    limits.chargeRefresh(address);
    RefreshTokens.Issued next = refreshTokens.rotate(refreshToken);
    Account account =
        users
            .accountById(next.userId())
            .filter(a -> !a.isDisabled())
            .orElseThrow(
                () -> {
                  LOG.warnf("refresh refused: user %d is disabled or gone", next.userId());
                  refreshTokens.revokeSession(next.userId(), next.sessionId());
                  return new CredentialsRejectedException(
                      CredentialsRejectedException.BAD_REFRESH_TOKEN);
                });
    // The role is read again, so a changed role takes effect at the next refresh.
    return tokensFor(account, next);
  }

  /**
   * Logout: the access token is denied for the rest of its life; its session and the session of the
   * given refresh token (if it is the caller's) end, with all their access tokens.
   */
  public void close(JsonWebToken accessToken, long userId, Optional<String> refreshToken) {
    denyList.deny(accessToken);
    Stream.concat(
            TokenDenyList.sessionOf(accessToken).stream(),
            refreshToken.flatMap(token -> refreshTokens.sessionOf(token, userId)).stream())
        .distinct()
        .forEach(session -> end(userId, session));
    LOG.infof("user %d logged out", userId);
  }

  /** Logout everywhere: every session of the user ends, with all its access tokens. */
  public void closeAll(JsonWebToken accessToken, long userId) {
    denyList.deny(accessToken);
    // the caller's own session, also when it predates the index of sessions per account
    List<String> sessions =
        Stream.concat(
                refreshTokens.sessionsOf(userId).stream(),
                TokenDenyList.sessionOf(accessToken).stream())
            .distinct()
            .toList();
    sessions.forEach(session -> end(userId, session));
    LOG.infof("user %d logged out everywhere: %d sessions ended", userId, sessions.size());
  }

  /** Every session of the user but the one of this access token ends (a password change). */
  public void closeOthers(JsonWebToken accessToken, long userId) {
    Optional<String> kept = TokenDenyList.sessionOf(accessToken);
    refreshTokens.sessionsOf(userId).stream()
        .filter(session -> kept.filter(session::equals).isEmpty())
        .forEach(session -> end(userId, session));
  }

  private void end(long userId, String session) {
    refreshTokens.revokeSession(userId, session);
    denyList.denySession(session);
  }

  private IssuedTokens tokensFor(Account account, RefreshTokens.Issued refresh) {
    return new IssuedTokens(
        accessTokens.issue(account, refresh.sessionId()),
        accessTokens.lifetimeSeconds(),
        refresh.token());
  }
}
