package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.ResourceLink.DatabaseLink;
import io.lakemesh.governance.ResourceLink.TableLink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows resource links to what they point at, every time from the stored entries, so a link
 * always shows its target's current entry. A table name resolves to a table entry, through a table
 * link, or through a database link holding it.
 */
final class LinkResolver {
  private static final int MAX_HOPS = 16;

  private final GovernanceStore store;

  LinkResolver(GovernanceStore store) {
    this.store = store;
  }

  /**
   * Where a table name leads.
   *
   * @param name what was asked for
   * @param target the last name reached: the table itself, or a link's missing target
   * @param via the links followed, first to last
   * @param table the target's current entry; empty when it does not exist
   */
  record TableResolution(
      TableId name, TableId target, List<ResourceLink> via, Optional<CatalogTable> table) {

    boolean throughLink() {
      return !via.isEmpty();
    }

    /**
     * True when the name reaches something stored: a table, or a table link whose target is gone. A
     * table name in a database link that reaches no table is the caller's choice, as is any unknown
     * name.
     */
    boolean reachesStored() {
      return table.isPresent() || (throughLink() && via.get(via.size() - 1) instanceof TableLink);
    }

    /** The entry, or an error that tells a missing table from a dangling link. */
    CatalogTable require() {
      if (table.isPresent()) {
        return table.get();
      }
      if (via.isEmpty()) {
        throw new NoSuchTableException(name);
      }
      ResourceLink last = via.get(via.size() - 1);
      throw new NotFoundException(
          "dangling link: "
              + last
              + (via.size() > 1 ? " (reached from " + name + ")" : "")
              + " points at "
              + target
              + ", which is not in the catalog (dropped, or never published)");
    }
  }

  /** Where a database name leads, with the same meaning of the fields. */
  record DatabaseResolution(
      DatabaseId name, DatabaseId target, List<ResourceLink> via, boolean exists) {

    boolean throughLink() {
      return !via.isEmpty();
    }
  }

  TableResolution resolve(TableId name) {
    return resolve(name, Optional.empty());
  }

  /** As {@link #resolve(TableId)}, as if {@code pending} were stored already. */
  TableResolution resolve(TableId name, Optional<ResourceLink> pending) {
    List<ResourceLink> via = new ArrayList<>();
    Set<TableId> seen = new HashSet<>();
    TableId current = name;
    while (seen.add(current) && via.size() <= MAX_HOPS) {
      Optional<CatalogTable> table = store.catalog().findTable(current);
      if (table.isPresent()) {
        return new TableResolution(name, current, List.copyOf(via), table);
      }
      Optional<TableLink> tableLink = tableLink(current, pending);
      if (tableLink.isPresent()) {
        via.add(tableLink.get());
        current = tableLink.get().target();
        continue;
      }
      Optional<DatabaseLink> databaseLink = databaseLink(current.databaseId(), pending);
      if (databaseLink.isEmpty()) {
        return new TableResolution(name, current, List.copyOf(via), Optional.empty());
      }
      via.add(databaseLink.get());
      current = databaseLink.get().targetTable(current.table());
    }
    throw cyclic(name, via);
  }

  DatabaseResolution resolve(DatabaseId name) {
    return resolve(name, Optional.empty());
  }

  DatabaseResolution resolve(DatabaseId name, Optional<ResourceLink> pending) {
    List<ResourceLink> via = new ArrayList<>();
    Set<DatabaseId> seen = new HashSet<>();
    DatabaseId current = name;
    while (seen.add(current) && via.size() <= MAX_HOPS) {
      if (exists(current)) {
        return new DatabaseResolution(name, current, List.copyOf(via), true);
      }
      Optional<DatabaseLink> link = databaseLink(current, pending);
      if (link.isEmpty()) {
        return new DatabaseResolution(name, current, List.copyOf(via), false);
      }
      via.add(link.get());
      current = link.get().target();
    }
    throw cyclic(name, via);
  }

  boolean exists(DatabaseId database) {
    return store.catalog().listDatabases(database.catalog()).contains(database);
  }

  /** A link stored under this table name, or in a database link of this name. */
  Optional<ResourceLink> linkAt(TableId name) {
    Optional<ResourceLink> table = store.links().findTableLink(name).map(ResourceLink.class::cast);
    return table.isPresent()
        ? table
        : store.links().findDatabaseLink(name.databaseId()).map(ResourceLink.class::cast);
  }

  private Optional<TableLink> tableLink(TableId name, Optional<ResourceLink> pending) {
    if (pending.isPresent() && pending.get() instanceof TableLink t && t.link().equals(name)) {
      return Optional.of(t);
    }
    return store.links().findTableLink(name);
  }

  private Optional<DatabaseLink> databaseLink(DatabaseId name, Optional<ResourceLink> pending) {
    if (pending.isPresent() && pending.get() instanceof DatabaseLink d && d.link().equals(name)) {
      return Optional.of(d);
    }
    return store.links().findDatabaseLink(name);
  }

  private static InvalidRequestException cyclic(Object name, List<ResourceLink> via) {
    return new InvalidRequestException(
        "cyclic resource links: " + name + " leads back to itself through " + via);
  }
}
