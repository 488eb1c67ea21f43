package io.lakemesh.governance;

import io.lakemesh.catalog.CatalogObject;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import java.util.Objects;

/**
 * An entry in one catalog that points at a database or table in another (Glue's {@code
 * TargetDatabase} / {@code TargetTable}). A pointer, not a copy: readers always see the target's
 * current entry, and a grant on a link grants nothing on its target.
 */
public sealed interface ResourceLink permits ResourceLink.TableLink, ResourceLink.DatabaseLink {
  /** The suffix of default link names: a consumer reaches {@code D.T} as {@code D_link.T}. */
  String DEFAULT_SUFFIX = "_link";

  /** The link's own entry. */
  CatalogObject link();

  /** What it points at. */
  CatalogObject target();

  /** The account whose catalog holds the link. */
  default String catalog() {
    return link().catalog();
  }

  /** The catalog the target is in. */
  default String targetCatalog() {
    return target().catalog();
  }

  /** The link's name as users write it: {@code catalog:db.table} or {@code catalog:db}. */
  default String name() {
    return link().toString();
  }

  /** The target's name in the same form. */
  default String targetName() {
    return target().toString();
  }

  /** {@code consumer:D_link.T} pointing at the product table {@code D.T}. */
  static TableLink defaultTableLink(String consumer, TableId target) {
    return new TableLink(
        TableId.of(consumer, target.database() + DEFAULT_SUFFIX, target.table()), target);
  }

  /** {@code consumer:D_link} pointing at the producer's database {@code D}. */
  static DatabaseLink defaultDatabaseLink(String consumer, DatabaseId target) {
    return new DatabaseLink(DatabaseId.of(consumer, target.database() + DEFAULT_SUFFIX), target);
  }

  record TableLink(TableId link, TableId target) implements ResourceLink {
    public TableLink {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
      return "table link " + link + " -> " + target;
    }
  }

  record DatabaseLink(DatabaseId link, DatabaseId target) implements ResourceLink {
    public DatabaseLink {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(target, "target");
    }

    /** The table a name inside this link stands for. */
    public TableId targetTable(String table) {
      return TableId.of(target.catalog(), target.database(), table);
    }

    @Override
    public String toString() {
      return "database link " + link + " -> " + target;
    }
  }
}
