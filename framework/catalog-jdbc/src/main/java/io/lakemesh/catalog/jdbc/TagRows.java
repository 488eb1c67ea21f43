package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows of {@code lm_lf_tags} (definitions per catalog) and {@code lm_tag_assignments} (values on
 * databases, tables and columns; the levels above a target are stored as '').
 */
final class TagRows {
  private static final String INSERT_TAG =
      "INSERT INTO lm_lf_tags (catalog_name, tag_key, allowed_values_json, created_at)"
          + " VALUES (:catalog_name, :tag_key, :allowed_values_json, :created_at)";
  private static final String FIND_TAG =
      "SELECT * FROM lm_lf_tags WHERE catalog_name = :catalog_name AND tag_key = :tag_key";
  private static final String LIST_TAGS =
      "SELECT * FROM lm_lf_tags WHERE catalog_name = :catalog_name ORDER BY tag_key";
  private static final String TARGET =
      "catalog_name = :catalog_name AND database_name = :database_name"
          + " AND table_name = :table_name AND column_name = :column_name";
  private static final String ASSIGN =
      "INSERT INTO lm_tag_assignments (catalog_name, database_name, table_name, column_name,"
          + " tag_key, tag_value) VALUES (:catalog_name, :database_name, :table_name,"
          + " :column_name, :tag_key, :tag_value) ON CONFLICT (catalog_name, database_name,"
          + " table_name, column_name, tag_key) DO UPDATE SET tag_value = excluded.tag_value";
  private static final String REMOVE =
      "DELETE FROM lm_tag_assignments WHERE " + TARGET + " AND tag_key = :tag_key";
  private static final String OF_TABLE =
      "SELECT * FROM lm_tag_assignments WHERE catalog_name = :catalog_name"
          + " AND database_name = :database_name AND table_name IN ('', :table_name)"
          + " ORDER BY table_name, column_name, tag_key";
  private static final String OF_DATABASE =
      "SELECT * FROM lm_tag_assignments WHERE catalog_name = :catalog_name"
          + " AND database_name = :database_name AND table_name = '' ORDER BY tag_key";

  private TagRows() {}

  /** Inserts the definition; a second one of the same key fails on the primary key. */
  static void create(Handle handle, String catalog, LfTag tag, Instant now) {
    handle
        .createUpdate(INSERT_TAG)
        .bind("catalog_name", catalog)
        .bind("tag_key", tag.key())
        .bind("allowed_values_json", Json.write(tag.allowedValues()))
        .bind("created_at", Timestamps.format(now))
        .execute();
  }

  static Optional<LfTag> find(Handle handle, String catalog, String key) {
    return handle
        .createQuery(FIND_TAG)
        .bind("catalog_name", catalog)
        .bind("tag_key", key)
        .map(TagRows::mapTag)
        .findOne();
  }

  static List<LfTag> list(Handle handle, String catalog) {
    return handle.createQuery(LIST_TAGS).bind("catalog_name", catalog).map(TagRows::mapTag).list();
  }

  static void assign(Handle handle, TagAssignment assignment) {
    bindTarget(handle.createUpdate(ASSIGN), assignment.target())
        .bind("tag_key", assignment.key())
        .bind("tag_value", assignment.value())
        .execute();
  }

  static boolean remove(Handle handle, TagTarget target, String key) {
    return bindTarget(handle.createUpdate(REMOVE), target).bind("tag_key", key).execute() > 0;
  }

  static List<TagAssignment> of(Handle handle, TableId table) {
    return Sql.bindTable(handle.createQuery(OF_TABLE), table).map(TagRows::mapAssignment).list();
  }

  static List<TagAssignment> of(Handle handle, DatabaseId database) {
    return handle
        .createQuery(OF_DATABASE)
        .bind("catalog_name", database.catalog())
        .bind("database_name", database.database())
        .map(TagRows::mapAssignment)
        .list();
  }

  private static <S extends SqlStatement<S>> S bindTarget(S statement, TagTarget target) {
    return statement
        .bind("catalog_name", target.catalog())
        .bind("database_name", target.database().database())
        .bind("table_name", target.table())
        .bind("column_name", target.column());
  }

  private static LfTag mapTag(ResultSet row, StatementContext ctx) throws SQLException {
    return LfTag.of(
        row.getString("tag_key"), Json.read(row.getString("allowed_values_json"), Json.STRINGS));
  }

  static TagAssignment mapAssignment(ResultSet row, StatementContext ctx) throws SQLException {
    TagTarget target =
        new TagTarget(
            DatabaseId.of(row.getString("catalog_name"), row.getString("database_name")),
            row.getString("table_name"),
            row.getString("column_name"));
    return new TagAssignment(target, row.getString("tag_key"), row.getString("tag_value"));
  }
}
