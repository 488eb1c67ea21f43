package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableMatch;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_table_search} (one per table) and {@code lm_table_search_tags} (one per tag a
 * table declares, with the same facts): what {@link TableSearch} narrows by, kept for each table's
 * current version, so that a search reads the tables it finds and not every table in scope. The
 * query over them is {@link SearchStatement}'s.
 */
final class SearchRows {
  private static final String UPSERT =
      "INSERT INTO lm_table_search (catalog_name, database_name, table_name, search_text,"
          + " domain_key, owner_team_key, quality_key) VALUES (:catalog_name, :database_name,"
          + " :table_name, :search_text, :domain_key, :owner_team_key, :quality_key)"
          + " ON CONFLICT (catalog_name, database_name, table_name) DO UPDATE SET"
          + " search_text = excluded.search_text, domain_key = excluded.domain_key,"
          + " owner_team_key = excluded.owner_team_key, quality_key = excluded.quality_key";
  private static final String DELETE_TAGS =
      "DELETE FROM lm_table_search_tags WHERE " + Sql.TABLE_KEY;
  private static final String INSERT_TAG =
      "INSERT INTO lm_table_search_tags (catalog_name, database_name, table_name, tag_key,"
          + " tag_value, search_text, domain_key, owner_team_key, quality_key) VALUES"
          + " (:catalog_name, :database_name, :table_name, :tag_key, :tag_value, :search_text,"
          + " :domain_key, :owner_team_key, :quality_key) ON CONFLICT DO NOTHING";
  private static final String UNINDEXED =
      "SELECT v.* FROM lm_tables t JOIN lm_table_versions v"
          + " ON v.catalog_name = t.catalog_name AND v.database_name = t.database_name"
          + " AND v.table_name = t.table_name AND v.version = t.current_version"
          + " WHERE NOT EXISTS (SELECT 1 FROM lm_table_search s WHERE s.catalog_name ="
          + " t.catalog_name AND s.database_name = t.database_name AND s.table_name ="
          + " t.table_name)";
  private static final Comparator<TagAssignment> TAG_ORDER =
      Comparator.comparing((TagAssignment a) -> a.target().table())
          .thenComparing(a -> a.target().column())
          .thenComparing(TagAssignment::key);

  private SearchRows() {}

  /** Makes the rows describe {@code table}, the current version. Runs inside its transaction. */
  static void index(Handle handle, CatalogTable table) {
    TableId id = table.id();
    Map<String, String> facts = facts(table);
    Sql.bindTable(handle.createUpdate(UPSERT), id).bindMap(facts).execute();
    Sql.bindTable(handle.createUpdate(DELETE_TAGS), id).execute();
    for (Map.Entry<String, String> tag : table.declaredTags().entrySet()) {
      Sql.bindTable(handle.createUpdate(INSERT_TAG), id)
          .bind("tag_key", tag.getKey())
          .bind("tag_value", tag.getValue())
          .bindMap(facts)
          .execute();
    }
  }

  /** Whether some table has no rows yet (published before migration V4). */
  static boolean unindexed(Handle handle) {
    return handle.createQuery(UNINDEXED + " LIMIT 1").map(TableRows::map).findFirst().isPresent();
  }

  /** Indexes the tables that have no rows yet. Runs in a transaction, so none is indexed twice. */
  static int indexUnindexed(Handle handle) {
    List<CatalogTable> missing = handle.createQuery(UNINDEXED).map(TableRows::map).list();
    missing.forEach(table -> index(handle, table));
    return missing.size();
  }

  /**
   * One page of the search, in {@link SupportsTableSearch#ORDER}.
   *
   * @param byteOrder what orders text by its bytes in this database ({@link
   *     DatabaseAccess#byteOrder})
   */
  static List<TableMatch> search(Handle handle, TableSearch search, String byteOrder) {
    if (search.catalogs().isEmpty()) {
      return List.of();
    }
    List<TableMatch> found =
        SearchStatement.of(handle, search, byteOrder)
            .scanResultSet((rows, ctx) -> matches(rows.get(), ctx));
    found.sort(SupportsTableSearch.ORDER);
    return found;
  }

  /**
   * Each table once, with its assignments (by level, column and key). The rows of one table come
   * one per assignment (or one of nulls), in no particular order: sorting them in the query would
   * sort every table entry with them.
   */
  private static List<TableMatch> matches(ResultSet rows, StatementContext ctx)
      throws SQLException {
    Map<TableId, CatalogTable> tables = new LinkedHashMap<>();
    Map<TableId, List<TagAssignment>> tags = new HashMap<>();
    while (rows.next()) {
      TableId id = Sql.tableId(rows);
      CatalogTable table = tables.get(id);
      if (table == null) {
        table = TableRows.map(rows, ctx);
        tables.put(id, table);
        tags.put(id, new ArrayList<>());
      }
      String key = rows.getString("tag_key");
      if (key != null) {
        TagTarget target =
            new TagTarget(
                id.databaseId(), rows.getString("tag_table"), rows.getString("tag_column"));
        tags.get(id).add(new TagAssignment(target, key, rows.getString("tag_value")));
      }
    }
    List<TableMatch> found = new ArrayList<>(tables.size());
    tables.forEach(
        (id, table) -> {
          List<TagAssignment> own = tags.get(id);
          own.sort(TAG_ORDER);
          found.add(new TableMatch(table, own));
        });
    return found;
  }

  private static Map<String, String> facts(CatalogTable table) {
    return Map.of(
        "search_text",
        TableSearch.searchText(table),
        "domain_key",
        TableSearch.fold(TableSearch.domainOf(table)),
        "owner_team_key",
        TableSearch.fold(table.parameter(TableParameters.OWNER_TEAM).orElse("")),
        "quality_key",
        TableSearch.fold(table.parameter(TableParameters.QUALITY_STATUS).orElse("")));
  }
}
