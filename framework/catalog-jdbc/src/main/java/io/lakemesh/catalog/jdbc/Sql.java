package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQL pieces every row class shares. Named parameters are the column names, so a statement's
 * bindings read like the table they fill.
 */
final class Sql {
  static final String TABLE_KEY =
      "catalog_name = :catalog_name AND database_name = :database_name AND table_name ="
          + " :table_name";

  private Sql() {}

  /** {@code INSERT ... ON CONFLICT DO UPDATE}, which SQLite (3.24 on) and PostgreSQL both speak. */
  static String upsert(String table, String key, List<String> columns) {
    String names = String.join(", ", columns);
    String values = columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
    String updates =
        columns.stream()
            .filter(c -> !c.equals(key))
            .map(c -> c + " = excluded." + c)
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table
        + " ("
        + names
        + ") VALUES ("
        + values
        + ")"
        + " ON CONFLICT ("
        + key
        + ") DO UPDATE SET "
        + updates;
  }

  /** Binds a table id, or nulls when there is none, to the three key columns. */
  static <S extends SqlStatement<S>> S bindTable(S statement, TableId id) {
    return statement
        .bind("catalog_name", id == null ? null : id.catalog())
        .bind("database_name", id == null ? null : id.database())
        .bind("table_name", id == null ? null : id.table());
  }

  static TableId tableId(ResultSet row) throws SQLException {
    String catalog = row.getString("catalog_name");
    return catalog == null
        ? null
        : TableId.of(catalog, row.getString("database_name"), row.getString("table_name"));
  }

  static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  /** Runs a query that ends in {@code LIMIT :limit}. */
  static <T> List<T> limited(Query query, int limit, RowMapper<T> mapper) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return query.bind("limit", limit).map(mapper).list();
  }
}
