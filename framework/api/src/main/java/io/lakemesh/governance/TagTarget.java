package io.lakemesh.governance;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Names;
import io.lakemesh.catalog.TableId;
import java.util.Objects;

/**
 * Where an LF-tag value is assigned: a database, a table or a column. The table and column are
 * empty for levels above them.
 */
public record TagTarget(DatabaseId database, String table, String column) {
  public enum Level {
    DATABASE,
    TABLE,
    COLUMN
  }

  public TagTarget {
    Objects.requireNonNull(database, "database");
    table = table == null ? "" : table;
    column = column == null ? "" : column;
    if (!table.isEmpty()) {
      Names.object("table", table);
    }
    if (!column.isEmpty()) {
      if (table.isEmpty()) {
        throw new IllegalArgumentException("a column tag target needs its table");
      }
      Names.object("column", column);
    }
  }

  public static TagTarget database(DatabaseId database) {
    return new TagTarget(database, "", "");
  }

  public static TagTarget table(TableId table) {
    return new TagTarget(table.databaseId(), table.table(), "");
  }

  public static TagTarget column(TableId table, String column) {
    return new TagTarget(table.databaseId(), table.table(), Names.object("column", column));
  }

  public Level level() {
    if (!column.isEmpty()) {
      return Level.COLUMN;
    }
    return table.isEmpty() ? Level.DATABASE : Level.TABLE;
  }

  /** The account whose catalog holds the target: its producer. */
  public String catalog() {
    return database.catalog();
  }

  /** The table of a table or column target. */
  public TableId tableId() {
    if (table.isEmpty()) {
      throw new IllegalStateException(this + " is a database");
    }
    return TableId.of(database.catalog(), database.database(), table);
  }

  @Override
  public String toString() {
    return switch (level()) {
      case DATABASE -> "database " + database;
      case TABLE -> "table " + tableId();
      case COLUMN -> "column " + tableId() + "." + column;
    };
  }
}
