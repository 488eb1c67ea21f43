package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * How a {@link Resource} is spread over columns: its kind, the catalog / database / table it is
 * about ({@value #ANY} for "every"), and for column grants the column mode and list.
 */
final class ResourceColumns {
  static final String ANY = "*";
  static final String INCLUDE = "INCLUDE";
  static final String EXCLUDE = "EXCLUDE";
  // A data filter grant keeps the filter's name where a column grant keeps its columns.
  static final String FILTER = "FILTER";

  private ResourceColumns() {}

  /** Binds {@code resource_kind, catalog_name, database_name, table_name}. */
  static <S extends SqlStatement<S>> S bindTarget(S statement, Resource resource) {
    String database = resource.databaseId().map(DatabaseId::database).orElse(ANY);
    String table = resource.tableId().map(TableId::table).orElse(ANY);
    return statement
        .bind("resource_kind", resource.kind().name())
        .bind("catalog_name", resource.catalog())
        .bind("database_name", database)
        .bind("table_name", table);
  }

  /** Binds {@code PREFIXcolumn_mode} and {@code PREFIXcolumns_json}. */
  static <S extends SqlStatement<S>> S bindColumns(S statement, String prefix, Resource resource) {
    String mode = "";
    List<String> columns = List.of();
    if (resource instanceof Resource.TableWithColumns c) {
      mode = c.included().isEmpty() ? EXCLUDE : INCLUDE;
      columns = c.namedColumns();
    } else if (resource instanceof Resource.DataCellsFilter f) {
      mode = FILTER;
      columns = List.of(f.filterName());
    }
    return statement
        .bind(prefix + "column_mode", mode)
        .bind(prefix + "columns_json", Json.write(columns));
  }

  /**
   * The resource of a row.
   *
   * @param kindColumn the column holding the kind
   * @param prefix the prefix of the column mode and list columns
   */
  static Resource read(ResultSet row, String kindColumn, String prefix) throws SQLException {
    Resource.Kind kind = Resource.Kind.valueOf(row.getString(kindColumn));
    String catalog = row.getString("catalog_name");
    return switch (kind) {
      case DATABASE -> Resource.database(DatabaseId.of(catalog, row.getString("database_name")));
      case TABLE -> Resource.table(tableId(row));
      case TABLE_WITH_COLUMNS -> {
        List<String> columns = Json.read(row.getString(prefix + "columns_json"), Json.STRINGS);
        yield INCLUDE.equals(row.getString(prefix + "column_mode"))
            ? Resource.columns(tableId(row), columns)
            : Resource.allColumnsExcept(tableId(row), columns);
      }
      case DATA_CELLS_FILTER ->
          Resource.filter(
              tableId(row), Json.read(row.getString(prefix + "columns_json"), Json.STRINGS).get(0));
      case LF_TAG_POLICY ->
          Resource.tagPolicy(catalog, TagExpression.parse(row.getString("tag_expression")));
    };
  }

  static Set<Permission> permissions(String text) {
    return text == null || text.isEmpty() ? Set.of() : Permission.parseList(text);
  }

  static Principal principal(String text) {
    return text == null ? null : Principal.parse(text);
  }

  private static TableId tableId(ResultSet row) throws SQLException {
    return TableId.of(
        row.getString("catalog_name"), row.getString("database_name"), row.getString("table_name"));
  }
}
