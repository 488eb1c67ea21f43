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
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_table_search} (one per table) and {@code lm_table_search_tags} (one per tag a
 * table declares, with the same facts): what {@link TableSearch} narrows by, kept for each table's
 * current version, so that a search reads the tables it finds and not every table in scope.
 *
 * <p>A search with tag criteria starts from the tables carrying the first value (declared, from
 * {@code lm_table_search_tags}; assigned, from {@code lm_tag_assignments}), through indexes; one
 * without starts from {@code lm_table_search}. Words are looked for with {@code LIKE} in the one
 * short text per row; the other criteria are compared with folded values.
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
  private static final String KEY_COLUMNS = "r.catalog_name, r.database_name, r.table_name";
  // The tables carrying the first value, each branch narrowed by the other criteria (#).
  private static final String CARRYING_FIRST =
      "SELECT "
          + KEY_COLUMNS
          + " FROM lm_table_search_tags r WHERE r.tag_key = :k0 AND r.tag_value = :v0 #"
          + " UNION SELECT "
          + KEY_COLUMNS
          + " FROM lm_tag_assignments a JOIN lm_table_search r ON r.catalog_name ="
          + " a.catalog_name AND r.database_name = a.database_name AND r.table_name = a.table_name"
          + " WHERE a.tag_key = :k0 AND a.tag_value = :v0 AND a.column_name = '' #"
          + " UNION SELECT "
          + KEY_COLUMNS
          + " FROM lm_tag_assignments a JOIN lm_table_search r ON r.catalog_name ="
          + " a.catalog_name AND r.database_name = a.database_name"
          + " WHERE a.tag_key = :k0 AND a.tag_value = :v0 AND a.table_name = '' #";
  // DISTINCT keeps the database from merging it into the outer query and starting from lm_tables.
  private static final String EVERY =
      "SELECT DISTINCT " + KEY_COLUMNS + " FROM lm_table_search r WHERE 1 = 1 #";
  // A further value (@), on the table m found.
  private static final String CARRYING_ALSO =
      " AND (EXISTS (SELECT 1 FROM lm_table_search_tags d WHERE d.catalog_name = m.catalog_name"
          + " AND d.database_name = m.database_name AND d.table_name = m.table_name"
          + " AND d.tag_key = :k@ AND d.tag_value = :v@)"
          + " OR EXISTS (SELECT 1 FROM lm_tag_assignments x WHERE x.catalog_name = m.catalog_name"
          + " AND x.database_name = m.database_name AND x.table_name IN ('', m.table_name)"
          + " AND x.column_name = '' AND x.tag_key = :k@ AND x.tag_value = :v@))";
  // The current entry of each table found, and with it the assignments on its database, on it and
  // on its columns (none: one row of nulls).
  private static final String FOUND =
      "SELECT v.*, a.table_name AS tag_table, a.column_name AS tag_column,"
          + " a.tag_key AS tag_key, a.tag_value AS tag_value FROM (#) m"
          + " JOIN lm_tables t ON t.catalog_name = m.catalog_name"
          + " AND t.database_name = m.database_name AND t.table_name = m.table_name"
          + " JOIN lm_table_versions v ON v.catalog_name = t.catalog_name"
          + " AND v.database_name = t.database_name AND v.table_name = t.table_name"
          + " AND v.version = t.current_version"
          + " LEFT JOIN lm_tag_assignments a ON a.catalog_name = m.catalog_name"
          + " AND a.database_name = m.database_name AND a.table_name IN ('', m.table_name)";
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

  static List<TableMatch> search(Handle handle, TableSearch search) {
    if (search.catalogs().isEmpty()) {
      return List.of();
    }
    Query query = handle.createQuery(sql(search));
    int i = 0;
    for (String catalog : search.catalogs()) {
      query.bind("c" + i++, catalog);
    }
    i = 0;
    for (Map.Entry<String, String> tag : search.tags().entrySet()) {
      query.bind("k" + i, tag.getKey()).bind("v" + i, tag.getValue());
      i++;
    }
    i = 0;
    for (String word : search.words()) {
      query.bind("w" + i++, "%" + escapeLike(word) + "%");
    }
    if (!search.owner().isEmpty()) {
      query.bind("owner", TableSearch.fold(search.owner()));
    }
    if (!search.domain().isEmpty()) {
      query.bind("domain", TableSearch.fold(search.domain()));
    }
    if (!search.qualityStatus().isEmpty()) {
      query.bind("quality", TableSearch.fold(search.qualityStatus()));
    }
    List<TableMatch> found = query.scanResultSet((rows, ctx) -> matches(rows.get(), ctx));
    found.sort(SupportsTableSearch.ORDER);
    return found;
  }

  private static String sql(TableSearch search) {
    String narrowed = search.tags().isEmpty() ? EVERY : CARRYING_FIRST;
    StringBuilder sql =
        new StringBuilder(FOUND.replace("#", narrowed.replace("#", criteria(search))));
    sql.append(" WHERE 1 = 1");
    for (int i = 1; i < search.tags().size(); i++) {
      sql.append(CARRYING_ALSO.replace("@", Integer.toString(i)));
    }
    return sql.toString();
  }

  /** Every criterion but the tag values, on the search row {@code r}. */
  private static String criteria(TableSearch search) {
    // A search's catalogs are most of them, so reading rows in order beats looking each up
    // through the key: the test is kept off the key's index.
    StringBuilder sql = new StringBuilder("AND (r.catalog_name || '') IN (");
    for (int i = 0; i < search.catalogs().size(); i++) {
      sql.append(i == 0 ? ":c" : ", :c").append(i);
    }
    sql.append(")");
    for (int i = 0; i < search.words().size(); i++) {
      sql.append(" AND r.search_text LIKE :w").append(i).append(" ESCAPE '!'");
    }
    if (!search.owner().isEmpty()) {
      sql.append(" AND (r.catalog_name = :owner OR r.owner_team_key = :owner)");
    }
    if (!search.domain().isEmpty()) {
      sql.append(" AND r.domain_key = :domain");
    }
    if (!search.qualityStatus().isEmpty()) {
      sql.append(" AND r.quality_key = :quality");
    }
    return sql.toString();
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

  private static String escapeLike(String word) {
    return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
