package io.lakemesh.catalog;

import io.lakemesh.governance.AccessToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A catalog that keeps the catalog server's access tokens (hashed) beside governance state. */
public interface SupportsTokens {

  /** Stores a new token; its id and hash must be new. */
  void storeToken(AccessToken token);

  /** The token whose secret hashes to {@code secretHash}, valid or not. */
  Optional<AccessToken> findTokenByHash(String secretHash);

  /** Every token, newest first; of one account when {@code account} is not null. */
  List<AccessToken> listTokens(String account);

  /** Marks the token revoked; false when there is no such token or it was revoked already. */
  boolean revokeToken(String id, Instant at);
}
