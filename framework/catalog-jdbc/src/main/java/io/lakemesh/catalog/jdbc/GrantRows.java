package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Rows of {@code lm_grants}, one per (grantee, resource). The resource is identified by the hash of
 * its canonical text, and spread over indexed columns for the entitlement lookups.
 */
final class GrantRows {
  private static final String SELECT = "SELECT * FROM lm_grants WHERE ";
  private static final String ENTRY = "grantee = :grantee AND resource_hash = :resource_hash";
  private static final String INSERT =
      "INSERT INTO lm_grants (grant_id, held_in, grantee, grantee_account, resource_kind,"
          + " catalog_name, database_name, table_name, column_mode, columns_json, tag_expression,"
          + " resource_hash, permissions, grantable, grantor, authorisation, granted_at,"
          + " expires_at, expiry_notice) VALUES"
          + " (:grant_id, :held_in, :grantee, :grantee_account, :resource_kind, :catalog_name,"
          + " :database_name, :table_name, :column_mode, :columns_json, :tag_expression,"
          + " :resource_hash, :permissions, :grantable, :grantor, :authorisation, :granted_at,"
          + " :expires_at, :expiry_notice)";
  // A no-op update that takes the row lock, so concurrent grants on one entry queue up.
  private static final String LOCK =
      "UPDATE lm_grants SET permissions = permissions WHERE " + ENTRY;
  private static final String UPDATE =
      "UPDATE lm_grants SET held_in = :held_in, permissions = :permissions, grantable = :grantable,"
          + " grantor = :grantor, authorisation = :authorisation, granted_at = :granted_at,"
          + " expires_at = :expires_at, expiry_notice = :expiry_notice WHERE grant_id = :grant_id";
  // A compare-and-set, so that of two checks meeting one expiry only one records it.
  private static final String NOTE_EXPIRY =
      "UPDATE lm_grants SET expiry_notice = :to WHERE grant_id = :grant_id"
          + " AND expiry_notice = :from";
  private static final String EXPIRING_BY =
      SELECT
          + "expires_at IS NOT NULL AND expires_at <= :until AND expiry_notice <> 'EXPIRED'"
          + " ORDER BY grant_id";
  private static final String DELETE = "DELETE FROM lm_grants WHERE grant_id = :grant_id";
  private static final String CATALOGS_GRANTED_TO =
      "SELECT DISTINCT catalog_name FROM lm_grants WHERE grantee_account = :grantee_account"
          + " ORDER BY catalog_name";
  private static final String COVERING_TABLE =
      SELECT
          + "grantee = :grantee AND catalog_name = :catalog_name"
          + " AND database_name IN (:database_name, '*') AND table_name IN (:table_name, '*')"
          + " ORDER BY grant_id";
  private static final String COVERING_DATABASE =
      SELECT
          + "grantee = :grantee AND catalog_name = :catalog_name"
          + " AND database_name IN (:database_name, '*') AND table_name = '*' ORDER BY grant_id";

  private GrantRows() {}

  /**
   * Adds to the entry, or creates it. Must run inside a transaction. A concurrent creator of the
   * same entry makes the insert fail as a conflict; a retry then merges.
   */
  static Grant add(Handle handle, Grant grant) {
    String hash = hash(grant.resource());
    Optional<Grant> existing = lockAndFind(handle, grant.grantee(), hash);
    if (existing.isEmpty()) {
      Grant stored = grant.withId(Sequences.next(handle, Sequences.GRANTS));
      insert(handle, stored, hash);
      return stored;
    }
    Grant merged = existing.get().mergedWith(grant);
    update(handle, merged);
    return merged;
  }

  /** Takes permissions away; deletes the entry when none are left. Must run in a transaction. */
  static Optional<Grant> remove(
      Handle handle, Principal grantee, Resource resource, Set<Permission> permissions) {
    Optional<Grant> existing = lockAndFind(handle, grantee, hash(resource));
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Optional<Grant> left = existing.get().without(permissions);
    if (left.isPresent()) {
      update(handle, left.get());
    } else {
      handle.createUpdate(DELETE).bind("grant_id", existing.get().id()).execute();
    }
    return left;
  }

  static Optional<Grant> find(Handle handle, Principal grantee, Resource resource) {
    return find(handle, grantee, hash(resource));
  }

  static Optional<Grant> find(Handle handle, long id) {
    return handle
        .createQuery(SELECT + "grant_id = :grant_id")
        .bind("grant_id", id)
        .map(GrantRows::map)
        .findOne();
  }

  static List<Grant> covering(Handle handle, Principal grantee, TableId table) {
    return Sql.bindTable(handle.createQuery(COVERING_TABLE), table)
        .bind("grantee", grantee.toString())
        .map(GrantRows::map)
        .list();
  }

  static List<Grant> covering(Handle handle, Principal grantee, DatabaseId database) {
    return handle
        .createQuery(COVERING_DATABASE)
        .bind("grantee", grantee.toString())
        .bind("catalog_name", database.catalog())
        .bind("database_name", database.database())
        .map(GrantRows::map)
        .list();
  }

  /** Grants whose {@code column} equals {@code value}, by id. */
  static List<Grant> where(Handle handle, String column, String value) {
    return handle
        .createQuery(SELECT + column + " = :value ORDER BY grant_id")
        .bind("value", value)
        .map(GrantRows::map)
        .list();
  }

  /** Moves the entry's expiry notice from {@code from} to {@code to}; true when it moved. */
  static boolean noteExpiry(
      Handle handle, long id, Grant.ExpiryNotice from, Grant.ExpiryNotice to) {
    return handle
            .createUpdate(NOTE_EXPIRY)
            .bind("grant_id", id)
            .bind("from", from.name())
            .bind("to", to.name())
            .execute()
        == 1;
  }

  /** Grants expiring at or before {@code until} whose expiry is not recorded yet. */
  static List<Grant> expiringBy(Handle handle, Instant until) {
    return handle
        .createQuery(EXPIRING_BY)
        .bind("until", Timestamps.format(until))
        .map(GrantRows::map)
        .list();
  }

  /** Answered from the index on (grantee_account, catalog_name) alone. */
  static SortedSet<String> catalogsGrantedTo(Handle handle, String account) {
    return handle
        .createQuery(CATALOGS_GRANTED_TO)
        .bind("grantee_account", account)
        .mapTo(String.class)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Optional<Grant> find(Handle handle, Principal grantee, String hash) {
    return handle
        .createQuery(SELECT + ENTRY)
        .bind("grantee", grantee.toString())
        .bind("resource_hash", hash)
        .map(GrantRows::map)
        .findOne();
  }

  /**
   * The entry, read while holding its row lock. A row the lock did not take (committed by another
   * transaction after the lock ran) is not read, so no merge builds on an unlocked row.
   */
  private static Optional<Grant> lockAndFind(Handle handle, Principal grantee, String hash) {
    int locked =
        handle
            .createUpdate(LOCK)
            .bind("grantee", grantee.toString())
            .bind("resource_hash", hash)
            .execute();
    return locked == 0 ? Optional.empty() : find(handle, grantee, hash);
  }

  private static void insert(Handle handle, Grant grant, String hash) {
    Resource resource = grant.resource();
    String expression = resource instanceof Resource.LfTagPolicy p ? p.expression().toString() : "";
    Update insert =
        ResourceColumns.bindColumns(
            ResourceColumns.bindTarget(handle.createUpdate(INSERT), resource), "", resource);
    bindState(insert, grant)
        .bind("grantee", grant.grantee().toString())
        .bind("grantee_account", grant.grantee().account())
        .bind("tag_expression", expression)
        .bind("resource_hash", hash)
        .execute();
  }

  private static void update(Handle handle, Grant grant) {
    bindState(handle.createUpdate(UPDATE), grant).execute();
  }

  /** Binds what a later grant on the same entry replaces: the id and everything but the key. */
  private static Update bindState(Update statement, Grant grant) {
    return statement
        .bind("grant_id", grant.id())
        .bind("held_in", grant.catalog())
        .bind("permissions", Permission.format(grant.permissions()))
        .bind("grantable", Permission.format(grant.grantable()))
        .bind("grantor", grant.grantor().toString())
        .bind("authorisation", grant.authorisationRef().map(Authorisation::toString).orElse(null))
        .bind("granted_at", Timestamps.format(grant.grantedAt()))
        .bind("expires_at", Timestamps.format(grant.expires()))
        .bind("expiry_notice", grant.notice().name());
  }

  private static Grant map(ResultSet row, StatementContext ctx) throws SQLException {
    String authorisation = row.getString("authorisation");
    return new Grant(
        row.getLong("grant_id"),
        row.getString("held_in"),
        Principal.parse(row.getString("grantee")),
        ResourceColumns.read(row, "resource_kind", ""),
        ResourceColumns.permissions(row.getString("permissions")),
        ResourceColumns.permissions(row.getString("grantable")),
        Principal.parse(row.getString("grantor")),
        authorisation == null ? null : Authorisation.parse(authorisation),
        Timestamps.parse(row.getString("granted_at")),
        Timestamps.parse(row.getString("expires_at")),
        Grant.ExpiryNotice.valueOf(row.getString("expiry_notice")));
  }

  /** SHA-256 of the resource's canonical text: a fixed-width key however long the column list. */
  static String hash(Resource resource) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(resource.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
