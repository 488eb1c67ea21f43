package io.lakemesh.governance;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Names;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a permission is granted on, with Lake Formation's resource kinds. Every resource names the
 * account whose catalog it belongs to ({@link #catalog()}): for product data that is the producer.
 */
public sealed interface Resource
    permits Resource.Database,
        Resource.Table,
        Resource.TableWithColumns,
        Resource.DataCellsFilter,
        Resource.LfTagPolicy {

  enum Kind {
    DATABASE,
    TABLE,
    TABLE_WITH_COLUMNS,
    DATA_CELLS_FILTER,
    LF_TAG_POLICY
  }

  Kind kind();

  /** The account whose catalog names the resource; for product data, its producer. */
  String catalog();

  /**
   * True when holding a permission on this resource means holding it on {@code other}: a database
   * covers its tables and their columns, a table its columns, a column list any part of it. An
   * LF-tag policy covers only the same policy.
   */
  boolean covers(Resource other);

  /** The table this resource is about, if it is about one table. */
  default Optional<TableId> tableId() {
    return Optional.empty();
  }

  /** The database this resource is in, if any. */
  default Optional<DatabaseId> databaseId() {
    return tableId().map(TableId::databaseId);
  }

  static Database database(DatabaseId id) {
    return new Database(id);
  }

  static Table table(TableId id) {
    return new Table(id);
  }

  /** SELECT on these columns only. */
  static TableWithColumns columns(TableId id, Collection<String> columns) {
    return new TableWithColumns(id, List.copyOf(columns), List.of());
  }

  /** SELECT on every column but these, including columns added later. */
  static TableWithColumns allColumnsExcept(TableId id, Collection<String> excluded) {
    return new TableWithColumns(id, List.of(), List.copyOf(excluded));
  }

  /** SELECT through a named data filter of the table (see {@link DataFilter}). */
  static DataCellsFilter filter(TableId id, String filterName) {
    return new DataCellsFilter(id, filterName);
  }

  static LfTagPolicy tagPolicy(String catalog, TagExpression expression) {
    return new LfTagPolicy(catalog, expression);
  }

  /** A database and, as Lake Formation's "all tables" wildcard, every table in it. */
  record Database(DatabaseId id) implements Resource {
    public Database {
      Objects.requireNonNull(id, "database");
    }

    @Override
    public Kind kind() {
      return Kind.DATABASE;
    }

    @Override
    public String catalog() {
      return id.catalog();
    }

    @Override
    public Optional<DatabaseId> databaseId() {
      return Optional.of(id);
    }

    @Override
    public boolean covers(Resource other) {
      return !(other instanceof LfTagPolicy) && other.databaseId().equals(Optional.of(id));
    }

    @Override
    public String toString() {
      return "database " + id;
    }
  }

  record Table(TableId id) implements Resource {
    public Table {
      Objects.requireNonNull(id, "table");
    }

    @Override
    public Kind kind() {
      return Kind.TABLE;
    }

    @Override
    public String catalog() {
      return id.catalog();
    }

    @Override
    public Optional<TableId> tableId() {
      return Optional.of(id);
    }

    @Override
    public boolean covers(Resource other) {
      return !(other instanceof Database) && other.tableId().equals(Optional.of(id));
    }

    @Override
    public String toString() {
      return "table " + id;
    }
  }

  /**
   * Some columns of a table: either the {@code included} ones, or every column but the {@code
   * excluded} ones (Lake Formation's column wildcard). Exactly one list is non-empty.
   */
  record TableWithColumns(TableId id, List<String> included, List<String> excluded)
      implements Resource {
    public TableWithColumns {
      Objects.requireNonNull(id, "table");
      included = sortedColumns(included);
      excluded = sortedColumns(excluded);
      if (included.isEmpty() == excluded.isEmpty()) {
        throw new InvalidRequestException(
            "a column grant on "
                + id
                + " names either the columns to include or the columns to exclude, not "
                + (included.isEmpty() ? "neither" : "both"));
      }
    }

    @Override
    public Kind kind() {
      return Kind.TABLE_WITH_COLUMNS;
    }

    @Override
    public String catalog() {
      return id.catalog();
    }

    @Override
    public Optional<TableId> tableId() {
      return Optional.of(id);
    }

    /** Every column named, included or excluded. */
    public List<String> namedColumns() {
      return included.isEmpty() ? excluded : included;
    }

    /** True when the column is visible through this resource. */
    public boolean shows(String column) {
      return included.isEmpty() ? !excluded.contains(column) : included.contains(column);
    }

    /** The visible columns of the table, in table order. */
    public List<Column> visible(List<Column> columns) {
      return columns.stream().filter(c -> shows(c.name())).toList();
    }

    @Override
    public boolean covers(Resource other) {
      if (!(other instanceof TableWithColumns that) || !that.id.equals(id)) {
        return false;
      }
      if (that.included.isEmpty()) {
        // Only an exclusion list can cover an exclusion list: columns added later are shown by
        // both.
        return included.isEmpty() && that.excluded.containsAll(excluded);
      }
      return that.included.stream().allMatch(this::shows);
    }

    @Override
    public String toString() {
      return included.isEmpty()
          ? "table " + id + " (all columns except " + String.join(", ", excluded) + ")"
          : "table " + id + " (columns " + String.join(", ", included) + ")";
    }

    private static List<String> sortedColumns(List<String> columns) {
      TreeSet<String> sorted = new TreeSet<>();
      for (String column : columns == null ? List.<String>of() : columns) {
        sorted.add(Names.object("column", column));
      }
      return List.copyOf(sorted);
    }
  }

  /**
   * A data filter of a table, granted as Lake Formation grants a {@code DataCellsFilter} resource:
   * the holder reads the rows and columns the filter selects. It covers only itself; a table or
   * column grant never covers a filter, nor a filter them.
   */
  record DataCellsFilter(TableId id, String filterName) implements Resource {
    public DataCellsFilter {
      Objects.requireNonNull(id, "table");
      filterName = Names.object("data filter", filterName);
    }

    @Override
    public Kind kind() {
      return Kind.DATA_CELLS_FILTER;
    }

    @Override
    public String catalog() {
      return id.catalog();
    }

    @Override
    public Optional<TableId> tableId() {
      return Optional.of(id);
    }

    @Override
    public boolean covers(Resource other) {
      return equals(other);
    }

    @Override
    public String toString() {
      return "table " + id + " (data filter " + filterName + ")";
    }
  }

  /**
   * The tables of one producer whose LF-tags match an expression, including tables tagged after the
   * grant. Scoped to one producer's data because only the producer authorises access to it.
   */
  record LfTagPolicy(String catalog, TagExpression expression) implements Resource {
    public LfTagPolicy {
      Names.account(catalog);
      Objects.requireNonNull(expression, "expression");
    }

    @Override
    public Kind kind() {
      return Kind.LF_TAG_POLICY;
    }

    @Override
    public boolean covers(Resource other) {
      return equals(other);
    }

    @Override
    public String toString() {
      return "LF-tag policy " + catalog + ":(" + expression + ")";
    }
  }
}
