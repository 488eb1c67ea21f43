package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.DataFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_data_filters}, one per (table, filter name). */
final class FilterRows {
  private static final String KEY = Sql.TABLE_KEY + " AND filter_name = :filter_name";
  private static final String INSERT =
      "INSERT INTO lm_data_filters (catalog_name, database_name, table_name, filter_name,"
          + " row_filter, included_json, excluded_json, created_at) VALUES (:catalog_name,"
          + " :database_name, :table_name, :filter_name, :row_filter, :included_json,"
          + " :excluded_json, :created_at)";
  private static final String FIND = "SELECT * FROM lm_data_filters WHERE " + KEY;
  private static final String DELETE = "DELETE FROM lm_data_filters WHERE " + KEY;
  private static final String LIST =
      "SELECT * FROM lm_data_filters WHERE catalog_name = :catalog_name"
          + " ORDER BY database_name, table_name, filter_name";

  private FilterRows() {}

  static void create(Handle handle, DataFilter filter, Instant now) {
    if (find(handle, filter.table(), filter.name()).isPresent()) {
      throw new AlreadyExistsException(
          "table " + filter.table() + " has a data filter named " + filter.name() + " already");
    }
    Sql.bindTable(handle.createUpdate(INSERT), filter.table())
        .bind("filter_name", filter.name())
        .bind("row_filter", filter.rowFilter())
        .bind("included_json", Json.write(filter.includedColumns()))
        .bind("excluded_json", Json.write(filter.excludedColumns()))
        .bind("created_at", Timestamps.format(now))
        .execute();
  }

  static Optional<DataFilter> find(Handle handle, TableId table, String name) {
    return Sql.bindTable(handle.createQuery(FIND), table)
        .bind("filter_name", name)
        .map(FilterRows::map)
        .findOne();
  }

  static List<DataFilter> list(Handle handle, String catalog) {
    return handle.createQuery(LIST).bind("catalog_name", catalog).map(FilterRows::map).list();
  }

  static boolean drop(Handle handle, TableId table, String name) {
    return Sql.bindTable(handle.createUpdate(DELETE), table).bind("filter_name", name).execute()
        > 0;
  }

  private static DataFilter map(ResultSet row, StatementContext ctx) throws SQLException {
    return new DataFilter(
        Sql.tableId(row),
        row.getString("filter_name"),
        row.getString("row_filter"),
        Json.read(row.getString("included_json"), Json.STRINGS),
        Json.read(row.getString("excluded_json"), Json.STRINGS));
  }
}
