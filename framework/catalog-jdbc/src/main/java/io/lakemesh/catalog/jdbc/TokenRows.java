package io.lakemesh.catalog.jdbc;

import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_access_tokens}. */
final class TokenRows {
  private static final String INSERT =
      "INSERT INTO lm_access_tokens (token_id, secret_hash, principal, account, description,"
          + " created_at, expires_at, revoked_at) VALUES (:token_id, :secret_hash, :principal,"
          + " :account, :description, :created_at, :expires_at, :revoked_at)";
  private static final String BY_HASH = "SELECT * FROM lm_access_tokens WHERE secret_hash = :hash";
  private static final String LIST = "SELECT * FROM lm_access_tokens ORDER BY created_at DESC";
  private static final String LIST_OF =
      "SELECT * FROM lm_access_tokens WHERE account = :account ORDER BY created_at DESC";
  private static final String REVOKE =
      "UPDATE lm_access_tokens SET revoked_at = :at WHERE token_id = :id AND revoked_at IS NULL";

  private TokenRows() {}

  static void insert(Handle handle, AccessToken token) {
    handle
        .createUpdate(INSERT)
        .bind("token_id", token.id())
        .bind("secret_hash", token.secretHash())
        .bind("principal", token.principal().toString())
        .bind("account", token.principal().account())
        .bind("description", token.description())
        .bind("created_at", Timestamps.format(token.createdAt()))
        .bind("expires_at", Timestamps.format(token.expiresAt()))
        .bind("revoked_at", Timestamps.format(token.revokedAt()))
        .execute();
  }

  static Optional<AccessToken> findByHash(Handle handle, String hash) {
    return handle.createQuery(BY_HASH).bind("hash", hash).map(TokenRows::map).findOne();
  }

  static List<AccessToken> list(Handle handle, String account) {
    return account == null
        ? handle.createQuery(LIST).map(TokenRows::map).list()
        : handle.createQuery(LIST_OF).bind("account", account).map(TokenRows::map).list();
  }

  static boolean revoke(Handle handle, String id, Instant at) {
    return handle.createUpdate(REVOKE).bind("id", id).bind("at", Timestamps.format(at)).execute()
        == 1;
  }

  private static AccessToken map(ResultSet row, StatementContext ctx) throws SQLException {
    return new AccessToken(
        row.getString("token_id"),
        row.getString("secret_hash"),
        Principal.parse(row.getString("principal")),
        row.getString("description"),
        Timestamps.parse(row.getString("created_at")),
        Timestamps.parse(row.getString("expires_at")),
        Timestamps.parse(row.getString("revoked_at")));
  }
}
