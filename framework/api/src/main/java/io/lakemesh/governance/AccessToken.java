package io.lakemesh.governance;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token issued to one principal for the catalog server. Only the SHA-256 of its secret is
 * stored; the secret itself is shown once, when the token is created. A token is valid until it
 * expires or is revoked, whichever comes first.
 *
 * @param id a short public name for listing and revoking (not a secret)
 * @param secretHash hex SHA-256 of the secret
 * @param principal who every request made with the token acts as
 * @param expiresAt null for a token that does not expire
 * @param revokedAt null while not revoked
 */
public record AccessToken(
    String id,
    String secretHash,
    Principal principal,
    String description,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  public AccessToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(createdAt, "createdAt");
    description = description == null ? "" : description;
  }

  /** Valid at {@code now}: not revoked and not expired. */
  public boolean validAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  public AccessToken revoked(Instant at) {
    return new AccessToken(id, secretHash, principal, description, createdAt, expiresAt, at);
  }
}
