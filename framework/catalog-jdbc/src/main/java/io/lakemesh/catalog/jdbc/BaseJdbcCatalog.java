package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableMatch;
import io.lakemesh.catalog.TableSearch;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The part of the embedded catalog that every other part builds on: the database it opens (and
 * migrates), the calls that read or change it inside one transaction, and the product entries,
 * runs, lineage, search and product status stored there. Calls made inside {@link #inTransaction}
 * on the same thread share its transaction.
 */
abstract class BaseJdbcCatalog
    implements GovernanceCatalog, SupportsTableSearch, SupportsTransactions, SupportsProductStatus {
  private String name;
  private DatabaseAccess access;
  private volatile Jdbi jdbi;

  /** Opens (and migrates) the database the properties name; the catalog is then usable. */
  final void open(String name, Map<String, String> properties) {
    this.name = Objects.requireNonNull(name, "name");
    JdbcCatalogConfig config = JdbcCatalogConfig.from(properties);
    DatabaseAccess opened = DatabaseAccess.open(config);
    try {
      Migrations.migrate(opened);
    } catch (SQLException | FlywayException e) {
      opened.close();
      throw JdbcErrors.wrap(name, "open", config.redactedUri(), e);
    }
    this.access = opened;
    this.jdbi = Jdbi.create(opened.connections());
  }

  final boolean isOpen() {
    return access != null;
  }

  /** Frees the database; the catalog must be opened again before it is used. */
  final void closeDatabase() {
    if (access != null) {
      access.close();
      access = null;
      jdbi = null;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    Map<String, String> given = Objects.requireNonNullElse(parameters, Map.of());
    return transaction(
        "ensure database", database, h -> DatabaseRows.ensure(h, database, given, Instant.now()));
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return read(
        "list databases of", orAll(catalog, "catalogs"), h -> DatabaseRows.list(h, catalog));
  }

  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    return read("find table", id, h -> TableRows.find(h, id));
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return read("list tables of", orAll(catalog, "catalogs"), h -> TableRows.list(h, catalog));
  }

  @Override
  public List<TableMatch> searchTables(TableSearch search) {
    return read(
        "search the tables of",
        search.catalogs(),
        h -> SearchRows.search(h, search, access.byteOrder()));
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return read("list versions of", id, h -> TableRows.versions(h, id));
  }

  @Override
  public void publish(Publication publication) {
    CatalogTable table = Objects.requireNonNull(publication.table(), "publication.table");
    write(
        "publish",
        table.id(),
        h -> {
          Instant now = Instant.now();
          DatabaseRows.ensure(h, table.id().databaseId(), Map.of(), now);
          TableRows.commit(h, table, now);
          if (publication.quality() != null) {
            QualityRunRows.upsert(h, publication.quality());
          }
          if (publication.lineage() != null) {
            LineageRows.upsert(h, publication.lineage());
          }
          if (publication.run() != null) {
            JobRunRows.upsert(h, publication.run());
          }
        });
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    write(
        "record quality run " + run.runId() + " of",
        run.table(),
        h -> QualityRunRows.upsert(h, run));
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return read("read quality history of", table, h -> QualityRunRows.history(h, table, limit));
  }

  @Override
  public void recordJobRun(JobRun run) {
    write("record job run", run.runId(), h -> JobRunRows.upsert(h, run));
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return read("find job run", runId, h -> JobRunRows.find(h, runId));
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return read(
        "list job runs of", orAll(product, "products"), h -> JobRunRows.list(h, product, limit));
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return read("read lineage of", dataset, h -> LineageRows.find(h, dataset, limit));
  }

  // ---- transactions

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return transaction("run a unit of work in", name, h -> work.get());
  }

  // ---- product status

  @Override
  public ProductStatus recordCheck(TableId table, Instant at, String runId) {
    return transaction(
        "stamp the last check of", table, h -> ProductStatusRows.recordCheck(h, table, at, runId));
  }

  @Override
  public boolean moveSla(
      TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since) {
    return transaction(
        "record the SLA state of",
        table,
        h -> ProductStatusRows.moveSla(h, table, from, to, since));
  }

  @Override
  public Map<TableId, ProductStatus> productStatuses(Collection<TableId> tables) {
    return read("read the status of", tables, h -> ProductStatusRows.of(h, tables));
  }

  final <T> T read(String operation, Object subject, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi().withHandle(work);
    } catch (JdbiException e) {
      throw JdbcErrors.wrap(name, operation, subject, e);
    }
  }

  final <T> T transaction(
      String operation, Object subject, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi().inTransaction(work);
    } catch (JdbiException e) {
      throw JdbcErrors.wrap(name, operation, subject, e);
    }
  }

  final void write(String operation, Object subject, HandleConsumer<RuntimeException> work) {
    transaction(
        operation,
        subject,
        h -> {
          work.useHandle(h);
          return null;
        });
  }

  static String orAll(String scope, String kind) {
    return scope == null ? "all " + kind : scope;
  }

  private Jdbi jdbi() {
    Jdbi open = jdbi;
    if (open == null) {
      throw new IllegalStateException("jdbc catalog '" + name + "' is not open");
    }
    return open;
  }
}
