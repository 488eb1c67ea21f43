package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.ResourceLink.DatabaseLink;
import io.lakemesh.governance.ResourceLink.TableLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code lm_resource_links}; database links have an empty table name and target table. */
final class LinkRows {
  private static final String INSERT =
      "INSERT INTO lm_resource_links (catalog_name, database_name, table_name, target_catalog,"
          + " target_database, target_table, created_at) VALUES (:catalog_name, :database_name,"
          + " :table_name, :target_catalog, :target_database, :target_table, :created_at)";
  private static final String NAME =
      "catalog_name = :catalog_name AND database_name = :database_name AND table_name ="
          + " :table_name";
  private static final String FIND = "SELECT * FROM lm_resource_links WHERE " + NAME;
  private static final String DELETE = "DELETE FROM lm_resource_links WHERE " + NAME;
  private static final String LIST =
      "SELECT * FROM lm_resource_links WHERE catalog_name = :catalog_name"
          + " ORDER BY CASE WHEN table_name = '' THEN 0 ELSE 1 END, database_name, table_name";

  private LinkRows() {}

  /** Inserts the link; a second one of the same name fails on the primary key. */
  static void create(Handle handle, ResourceLink link, Instant now) {
    String targetTable = link instanceof TableLink t ? t.target().table() : "";
    DatabaseId target =
        link instanceof TableLink t ? t.target().databaseId() : ((DatabaseLink) link).target();
    bindName(handle.createUpdate(INSERT), link)
        .bind("target_catalog", target.catalog())
        .bind("target_database", target.database())
        .bind("target_table", targetTable)
        .bind("created_at", Timestamps.format(now))
        .execute();
  }

  static Optional<TableLink> findTable(Handle handle, TableId name) {
    return Sql.bindTable(handle.createQuery(FIND), name)
        .map(LinkRows::map)
        .findOne()
        .map(TableLink.class::cast);
  }

  static Optional<DatabaseLink> findDatabase(Handle handle, DatabaseId name) {
    return handle
        .createQuery(FIND)
        .bind("catalog_name", name.catalog())
        .bind("database_name", name.database())
        .bind("table_name", "")
        .map(LinkRows::map)
        .findOne()
        .map(DatabaseLink.class::cast);
  }

  static List<ResourceLink> list(Handle handle, String catalog) {
    return handle.createQuery(LIST).bind("catalog_name", catalog).map(LinkRows::map).list();
  }

  static boolean drop(Handle handle, ResourceLink link) {
    return bindName(handle.createUpdate(DELETE), link).execute() > 0;
  }

  private static <S extends SqlStatement<S>> S bindName(S statement, ResourceLink link) {
    if (link instanceof TableLink t) {
      return Sql.bindTable(statement, t.link());
    }
    DatabaseId name = ((DatabaseLink) link).link();
    return statement
        .bind("catalog_name", name.catalog())
        .bind("database_name", name.database())
        .bind("table_name", "");
  }

  private static ResourceLink map(ResultSet row, StatementContext ctx) throws SQLException {
    String table = row.getString("table_name");
    String targetCatalog = row.getString("target_catalog");
    String targetDatabase = row.getString("target_database");
    if (table.isEmpty()) {
      return new DatabaseLink(
          DatabaseId.of(row.getString("catalog_name"), row.getString("database_name")),
          DatabaseId.of(targetCatalog, targetDatabase));
    }
    return new TableLink(
        Sql.tableId(row), TableId.of(targetCatalog, targetDatabase, row.getString("target_table")));
  }
}
