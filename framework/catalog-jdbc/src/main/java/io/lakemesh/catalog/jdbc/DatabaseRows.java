package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Rows of {@code lm_databases}. */
final class DatabaseRows {
  private static final String INSERT_IF_MISSING =
      "INSERT INTO lm_databases (catalog_name, database_name, parameters_json, created_at) VALUES"
          + " (:catalog_name, :database_name, :parameters_json, :created_at) ON CONFLICT DO"
          + " NOTHING";
  private static final String LIST_ALL =
      "SELECT catalog_name, database_name FROM lm_databases ORDER BY catalog_name, database_name";
  private static final String LIST_IN_CATALOG =
      "SELECT catalog_name, database_name FROM lm_databases WHERE catalog_name = :catalog_name"
          + " ORDER BY database_name";

  private DatabaseRows() {}

  /** Inserts the database unless present; true when inserted. Concurrent callers never collide. */
  static boolean ensure(Handle handle, DatabaseId id, Map<String, String> parameters, Instant now) {
    return handle
            .createUpdate(INSERT_IF_MISSING)
            .bind("catalog_name", id.catalog())
            .bind("database_name", id.database())
            .bind("parameters_json", Json.write(parameters))
            .bind("created_at", Timestamps.format(now))
            .execute()
        == 1;
  }

  /** Databases of one catalog, or of every catalog when {@code catalog} is null. */
  static List<DatabaseId> list(Handle handle, String catalog) {
    Query query =
        catalog == null
            ? handle.createQuery(LIST_ALL)
            : handle.createQuery(LIST_IN_CATALOG).bind("catalog_name", catalog);
    return query
        .map(
            (row, ctx) ->
                DatabaseId.of(row.getString("catalog_name"), row.getString("database_name")))
        .list();
  }
}
