package io.lakemesh.server;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsTokens;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Issues, checks and revokes the bearer tokens of the catalog server. A token reads {@code
 * lmt_ID_SECRET}: the id names it in listings, the secret is 32 random bytes. The catalog stores
 * the SHA-256 of the whole text, never the text, so a copy of the database lets nobody in.
 */
public final class AccessTokens {
  private static final String PREFIX = "lmt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SupportsTokens store;
  private final Governance governance;
  private final Clock clock;

  /** Tokens kept in the catalog; their issue and revocation audited through the rules. */
  public AccessTokens(GovernanceCatalog catalog, Governance governance, Clock clock) {
    if (!(catalog instanceof SupportsTokens tokens)) {
      throw new InvalidConfigException(
          "lakemesh.catalog.type",
          "catalog '" + catalog.name() + "' cannot keep access tokens; the jdbc catalog can");
    }
    this.store = tokens;
    this.governance = governance;
    this.clock = clock;
  }

  public AccessTokens(GovernanceCatalog catalog, Governance governance) {
    this(catalog, governance, Clock.systemUTC());
  }

  /** A new token and its text, which is shown this once. */
  public record Issued(AccessToken token, String text) {}

  /**
   * Issues a token acting as {@code principal}.
   *
   * @param ttl how long it is valid; null for no expiry
   */
  public Issued issue(Principal principal, Duration ttl, String description) {
    String id = HexFormat.of().formatHex(random(6));
    String text =
        PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
    Instant now = clock.instant();
    AccessToken token =
        new AccessToken(
            id, hash(text), principal, description, now, ttl == null ? null : now.plus(ttl), null);
    store.storeToken(token);
    governance.recordToken(
        administrator(principal),
        AuditAction.TOKEN_CREATE,
        token,
        (ttl == null ? "no expiry" : "valid until " + token.expiresAt())
            + (description == null || description.isBlank() ? "" : "; " + description));
    return new Issued(token, text);
  }

  /**
   * The principal a token acts as.
   *
   * @throws AccessDeniedException naming why when the token is unknown, expired or revoked
   */
  public Principal authenticate(String text) {
    return authenticated(text).principal();
  }

  /**
   * The token the text is, when valid.
   *
   * @throws AccessDeniedException naming why when the token is unknown, expired or revoked
   */
  public AccessToken authenticated(String text) {
    if (text == null || text.isBlank()) {
      throw new AccessDeniedException("authentication required: send Authorization: Bearer TOKEN");
    }
    Optional<AccessToken> found = store.findTokenByHash(hash(text.strip()));
    if (found.isEmpty()) {
      throw new AccessDeniedException("authentication failed: unknown token");
    }
    AccessToken token = found.get();
    Instant now = clock.instant();
    if (token.revokedAt() != null) {
      throw new AccessDeniedException(
          "authentication failed: token " + token.id() + " was revoked at " + token.revokedAt());
    }
    if (!token.validAt(now)) {
      throw new AccessDeniedException(
          "authentication failed: token " + token.id() + " expired at " + token.expiresAt());
    }
    return token;
  }

  public void revoke(String id) {
    Instant at = clock.instant();
    if (!store.revokeToken(id, at)) {
      throw new NotFoundException("no valid token " + id + " to revoke");
    }
    store.listTokens(null).stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .ifPresent(
            t ->
                governance.recordToken(
                    administrator(t.principal()), AuditAction.TOKEN_REVOKE, t, "revoked at " + at));
  }

  // Tokens are administered on the catalog database, on the account's authority.
  private static Principal administrator(Principal principal) {
    return Principal.administrator(principal.account());
  }

  /** Tokens, newest first; of one account when it is not null. Hashes only, never secrets. */
  public List<AccessToken> list(String account) {
    return store.listTokens(account);
  }

  static String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }
}
