package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.TableSearch;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The query that answers a {@link TableSearch} from the search index of migration V4: first the
 * keys of one page of matching tables, cut in key order, then the current entries of those tables
 * only, each with the tag assignments bearing on it (none: one row of nulls).
 *
 * <p>A search with tag criteria starts from the tables carrying the first value (declared, from
 * {@code lm_table_search_tags}; assigned, from {@code lm_tag_assignments}), through indexes; one
 * without starts from {@code lm_table_search}. Words are looked for with {@code LIKE} in the one
 * short text per row; the other criteria are compared with folded values. Every branch yields its
 * keys in the page's order (SQLite from its indexes, merging the branches), so the database stops
 * reading once the page is full instead of sorting every match.
 */
final class SearchStatement {
  // The keys of a search row r, compared by their bytes ($: the database's byte order), which is
  // how SupportsTableSearch.ID_ORDER compares lakemesh's ASCII names.
  private static final String KEYS =
      "r.catalog_name$ AS catalog_name, r.database_name$ AS database_name,"
          + " r.table_name$ AS table_name";
  // The tables carrying the first value, each branch narrowed by every other criterion (#).
  private static final String CARRYING_FIRST =
      "SELECT "
          + KEYS
          + " FROM lm_table_search_tags r WHERE r.tag_key = :k0 AND r.tag_value = :v0 #"
          + " UNION SELECT "
          + KEYS
          + " FROM lm_tag_assignments a JOIN lm_table_search r ON r.catalog_name ="
          + " a.catalog_name AND r.database_name = a.database_name AND r.table_name = a.table_name"
          + " WHERE a.tag_key = :k0 AND a.tag_value = :v0 AND a.column_name = '' #"
          + " UNION SELECT "
          + KEYS
          + " FROM lm_tag_assignments a JOIN lm_table_search r ON r.catalog_name ="
          + " a.catalog_name AND r.database_name = a.database_name"
          + " WHERE a.tag_key = :k0 AND a.tag_value = :v0 AND a.table_name = '' #";
  private static final String EVERY = "SELECT " + KEYS + " FROM lm_table_search r WHERE 1 = 1 #";
  // A further value (@), on the table r stands for.
  private static final String CARRYING_ALSO =
      " AND (EXISTS (SELECT 1 FROM lm_table_search_tags d WHERE d.catalog_name = r.catalog_name"
          + " AND d.database_name = r.database_name AND d.table_name = r.table_name"
          + " AND d.tag_key = :k@ AND d.tag_value = :v@)"
          + " OR EXISTS (SELECT 1 FROM lm_tag_assignments x WHERE x.catalog_name = r.catalog_name"
          + " AND x.database_name = r.database_name AND x.table_name IN ('', r.table_name)"
          + " AND x.column_name = '' AND x.tag_key = :k@ AND x.tag_value = :v@))";
  private static final String AFTER =
      " AND (r.catalog_name$, r.database_name$, r.table_name$)"
          + " > (:after_catalog, :after_database, :after_table)";
  // Positions, not names: PostgreSQL orders a UNION by its result columns only.
  private static final String PAGE = " ORDER BY 1, 2, 3 LIMIT :limit";
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

  private SearchStatement() {}

  /**
   * The query for a search of at least one catalog, bound.
   *
   * @param byteOrder what orders text by its bytes, appended to a column ({@link
   *     DatabaseAccess#byteOrder})
   */
  static Query of(Handle handle, TableSearch search, String byteOrder) {
    return bind(handle.createQuery(sql(search).replace("$", byteOrder)), search);
  }

  private static String sql(TableSearch search) {
    String narrowed = search.tags().isEmpty() ? EVERY : CARRYING_FIRST;
    return FOUND.replace("#", narrowed.replace("#", criteria(search)) + PAGE);
  }

  /** Every criterion but the first tag value, and the page start, on the search row {@code r}. */
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
    for (int i = 1; i < search.tags().size(); i++) {
      sql.append(CARRYING_ALSO.replace("@", Integer.toString(i)));
    }
    if (search.after() != null) {
      sql.append(AFTER);
    }
    return sql.toString();
  }

  private static Query bind(Query query, TableSearch search) {
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
    if (search.after() != null) {
      query
          .bind("after_catalog", search.after().catalog())
          .bind("after_database", search.after().database())
          .bind("after_table", search.after().table());
    }
    return query.bind("limit", search.limit());
  }

  private static String escapeLike(String word) {
    return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
