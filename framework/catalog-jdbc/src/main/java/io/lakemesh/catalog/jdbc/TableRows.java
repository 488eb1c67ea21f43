package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_tables} (one per table, naming its current version) and {@code
 * lm_table_versions} (every version ever published, never changed once written).
 */
final class TableRows {
  private static final String CURRENT =
      "SELECT v.* FROM lm_tables t JOIN lm_table_versions v"
          + " ON v.catalog_name = t.catalog_name AND v.database_name = t.database_name"
          + " AND v.table_name = t.table_name AND v.version = t.current_version";
  private static final String FIND =
      CURRENT
          + " WHERE t.catalog_name = :catalog_name AND t.database_name = :database_name"
          + " AND t.table_name = :table_name";
  private static final String LIST_ALL =
      CURRENT + " ORDER BY v.catalog_name, v.database_name, v.table_name";
  private static final String LIST_IN_CATALOG =
      CURRENT + " WHERE t.catalog_name = :catalog_name ORDER BY v.database_name, v.table_name";
  private static final String VERSIONS =
      "SELECT * FROM lm_table_versions WHERE " + Sql.TABLE_KEY + " ORDER BY version";
  private static final String INSERT_POINTER_IF_MISSING =
      "INSERT INTO lm_tables (catalog_name, database_name, table_name, current_version)"
          + " VALUES (:catalog_name, :database_name, :table_name, 0) ON CONFLICT DO NOTHING";
  // A no-op update: it takes the row lock, so publishers of one table queue here rather than
  // both building on the same current version.
  private static final String LOCK_POINTER =
      "UPDATE lm_tables SET current_version = current_version WHERE " + Sql.TABLE_KEY;
  private static final String MOVE_POINTER =
      "UPDATE lm_tables SET current_version = :version WHERE " + Sql.TABLE_KEY;
  private static final String INSERT_VERSION =
      "INSERT INTO lm_table_versions (catalog_name, database_name, table_name, version,"
          + " columns_json, location, format, partitioning_json, parameters_json, updated_at)"
          + " VALUES (:catalog_name, :database_name, :table_name, :version, :columns_json,"
          + " :location, :format, :partitioning_json, :parameters_json, :updated_at)";

  private TableRows() {}

  static Optional<CatalogTable> find(Handle handle, TableId id) {
    return Sql.bindTable(handle.createQuery(FIND), id).map(TableRows::map).findOne();
  }

  static List<CatalogTable> list(Handle handle, String catalog) {
    Query query =
        catalog == null
            ? handle.createQuery(LIST_ALL)
            : handle.createQuery(LIST_IN_CATALOG).bind("catalog_name", catalog);
    return query.map(TableRows::map).list();
  }

  static List<CatalogTable> versions(Handle handle, TableId id) {
    return Sql.bindTable(handle.createQuery(VERSIONS), id).map(TableRows::map).list();
  }

  /**
   * Appends {@code table} as the next version, unless the current version already publishes the
   * same snapshot, and indexes it for search. Must run inside a transaction.
   */
  static void commit(Handle handle, CatalogTable table, Instant now) {
    TableId id = table.id();
    Sql.bindTable(handle.createUpdate(INSERT_POINTER_IF_MISSING), id).execute();
    Sql.bindTable(handle.createUpdate(LOCK_POINTER), id).execute();
    Optional<CatalogTable> current = find(handle, id);
    if (current.isPresent() && publishesSameSnapshot(current.get(), table)) {
      return;
    }
    long next = current.map(CatalogTable::version).orElse(0L) + 1;
    CatalogTable published = table.withVersion(next, now);
    insertVersion(handle, published);
    Sql.bindTable(handle.createUpdate(MOVE_POINTER), id).bind("version", next).execute();
    SearchRows.index(handle, published);
  }

  private static boolean publishesSameSnapshot(CatalogTable current, CatalogTable table) {
    Optional<String> snapshot = table.parameter(TableParameters.SNAPSHOT_ID);
    return snapshot.isPresent() && snapshot.equals(current.parameter(TableParameters.SNAPSHOT_ID));
  }

  private static void insertVersion(Handle handle, CatalogTable table) {
    Sql.bindTable(handle.createUpdate(INSERT_VERSION), table.id())
        .bind("version", table.version())
        .bind("columns_json", Json.write(table.columns()))
        .bind("location", table.location())
        .bind("format", table.format())
        .bind("partitioning_json", Json.write(table.partitioning()))
        .bind("parameters_json", Json.write(table.parameters()))
        .bind("updated_at", Timestamps.format(table.updatedAt()))
        .execute();
  }

  static CatalogTable map(ResultSet row, StatementContext ctx) throws SQLException {
    return new CatalogTable(
        Sql.tableId(row),
        Json.read(row.getString("columns_json"), Json.COLUMNS),
        row.getString("location"),
        row.getString("format"),
        Json.read(row.getString("partitioning_json"), Json.STRINGS),
        Json.read(row.getString("parameters_json"), Json.PARAMETERS),
        row.getLong("version"),
        Timestamps.parse(row.getString("updated_at")));
  }
}
