package io.lakemesh.catalog.jdbc;

import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_access_requests}. The requested resource is spread over the resource columns;
 * the granted one shares its table or database and keeps its own kind and column list.
 */
final class RequestRows {
  private static final String INSERT =
      "INSERT INTO lm_access_requests (request_id, requester, requester_account, resource_kind,"
          + " catalog_name, database_name, table_name, column_mode, columns_json, permissions,"
          + " state, granted_kind, granted_column_mode, granted_columns_json, granted_permissions,"
          + " reason, decided_by, created_at, updated_at, justification, expires_at) VALUES"
          + " (:request_id,"
          + " :requester, :requester_account, :resource_kind, :catalog_name, :database_name,"
          + " :table_name, :column_mode, :columns_json, :permissions, :state, :granted_kind,"
          + " :granted_column_mode, :granted_columns_json, :granted_permissions, :reason,"
          + " :decided_by, :created_at, :updated_at, :justification, :expires_at)";
  // Only the decision moves; a compare-and-set on the state keeps two deciders from both winning.
  private static final String UPDATE =
      "UPDATE lm_access_requests SET resource_kind = :resource_kind, catalog_name = :catalog_name,"
          + " database_name = :database_name, table_name = :table_name,"
          + " column_mode = :column_mode, columns_json = :columns_json,"
          + " permissions = :permissions, state = :state, granted_kind = :granted_kind,"
          + " granted_column_mode = :granted_column_mode,"
          + " granted_columns_json = :granted_columns_json,"
          + " granted_permissions = :granted_permissions, reason = :reason,"
          + " decided_by = :decided_by, updated_at = :updated_at,"
          + " justification = :justification, expires_at = :expires_at"
          + " WHERE request_id = :request_id AND state = :expected_state";
  private static final String SELECT = "SELECT * FROM lm_access_requests WHERE ";

  private RequestRows() {}

  static AccessRequest create(Handle handle, AccessRequest request) {
    AccessRequest stored = request.withId(Sequences.next(handle, Sequences.REQUESTS));
    bind(handle.createUpdate(INSERT), stored)
        .bind("requester", stored.requester().toString())
        .bind("requester_account", stored.requester().account())
        .bind("created_at", Timestamps.format(stored.createdAt()))
        .execute();
    return stored;
  }

  static Optional<AccessRequest> find(Handle handle, long id) {
    return handle
        .createQuery(SELECT + "request_id = :request_id")
        .bind("request_id", id)
        .map(RequestRows::map)
        .findOne();
  }

  static AccessRequest update(Handle handle, AccessRequest request, AccessRequest.State expected) {
    int updated =
        bind(handle.createUpdate(UPDATE), request)
            .bind("expected_state", expected.name())
            .execute();
    if (updated == 0) {
      AccessRequest now =
          find(handle, request.id())
              .orElseThrow(() -> new NotFoundException("no access request " + request.id()));
      throw new CommitConflictException(
          "request "
              + request.id()
              + " changed meanwhile: it is "
              + now.state()
              + ", not "
              + expected,
          null);
    }
    return request;
  }

  /** Requests whose {@code column} equals {@code value}, oldest first. */
  static List<AccessRequest> where(Handle handle, String column, String value) {
    return handle
        .createQuery(SELECT + column + " = :value ORDER BY request_id")
        .bind("value", value)
        .map(RequestRows::map)
        .list();
  }

  private static <S extends SqlStatement<S>> S bind(S statement, AccessRequest r) {
    Resource granted = r.granted();
    S bound =
        ResourceColumns.bindColumns(
            ResourceColumns.bindTarget(statement, r.resource()), "", r.resource());
    if (granted == null) {
      bound
          .bind("granted_kind", (String) null)
          .bind("granted_column_mode", (String) null)
          .bind("granted_columns_json", (String) null);
    } else {
      ResourceColumns.bindColumns(bound, "granted_", granted)
          .bind("granted_kind", granted.kind().name());
    }
    return bound
        .bind("request_id", r.id())
        .bind("permissions", Permission.format(r.permissions()))
        .bind("state", r.state().name())
        .bind("granted_permissions", Permission.format(r.grantedPermissions()))
        .bind("reason", r.reason())
        .bind("decided_by", r.decidedBy() == null ? null : r.decidedBy().toString())
        .bind("updated_at", Timestamps.format(r.updatedAt()))
        .bind("justification", r.justification())
        .bind("expires_at", Timestamps.format(r.expires()));
  }

  private static AccessRequest map(ResultSet row, StatementContext ctx) throws SQLException {
    Resource granted =
        row.getString("granted_kind") == null
            ? null
            : ResourceColumns.read(row, "granted_kind", "granted_");
    return new AccessRequest(
        row.getLong("request_id"),
        ResourceColumns.principal(row.getString("requester")),
        ResourceColumns.read(row, "resource_kind", ""),
        ResourceColumns.permissions(row.getString("permissions")),
        AccessRequest.State.valueOf(row.getString("state")),
        granted,
        ResourceColumns.permissions(row.getString("granted_permissions")),
        row.getString("reason"),
        ResourceColumns.principal(row.getString("decided_by")),
        Timestamps.parse(row.getString("created_at")),
        Timestamps.parse(row.getString("updated_at")),
        row.getString("justification"),
        Timestamps.parse(row.getString("expires_at")));
  }
}
