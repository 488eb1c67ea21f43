package io.lakemesh.server.iceberg;

import io.lakemesh.catalog.TableId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The producers' tables as readers load them, kept between requests: each load asks the producer's
 * catalog where the table's metadata is now and reads the metadata file only when it has moved (a
 * publish, or any commit). An engine loads a table for every query it plans; reading and parsing
 * the same file each time was most of a load's work and garbage. What a load answers is always the
 * table's current state: only the parsing of an unchanged file is saved.
 */
public final class CurrentTables {
  // Past this many tables the cache starts again rather than grow with every table ever read.
  private static final int MAX_TABLES = 10_000;

  private final AccountCatalogs accounts;
  private final Map<TableId, Table> loaded = new ConcurrentHashMap<>();

  public CurrentTables(AccountCatalogs accounts) {
    this.accounts = accounts;
  }

  /**
   * The producer's table {@code target}, refreshed now.
   *
   * @throws NoSuchTableException when the producer's catalog has no such table
   */
  public Table current(TableId target) {
    Table table = loaded.get(target);
    if (table != null) {
      try {
        // One refresh at a time per table: Iceberg's table operations are not made for
        // concurrent refreshes of one instance.
        synchronized (table) {
          table.refresh();
        }
        return table;
      } catch (NoSuchTableException e) {
        loaded.remove(target, table);
        throw e;
      }
    }
    Catalog producer = accounts.of(target.catalog());
    table = producer.loadTable(TableIdentifier.of(target.database(), target.table()));
    if (loaded.size() >= MAX_TABLES) {
      loaded.clear();
    }
    loaded.put(target, table);
    return table;
  }
}
