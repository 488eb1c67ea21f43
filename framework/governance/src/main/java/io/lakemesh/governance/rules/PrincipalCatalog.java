package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as one principal reads and writes it through the rules, in process: exactly what the
 * catalog server gives that principal's token (the server's routes call the same methods of {@link
 * Governance}). The CLI's reading commands use it for {@code --as} on the embedded catalog. Closing
 * it leaves the underlying catalog open.
 */
public final class PrincipalCatalog implements GovernanceCatalog {
  private final Governance governance;
  private final Principal principal;

  public PrincipalCatalog(Governance governance, Principal principal) {
    this.governance = governance;
    this.principal = principal;
  }

  public Principal principal() {
    return principal;
  }

  /** Built from its rules and principal, never loaded by name. */
  @Override
  public void initialize(String name, Map<String, String> properties) {
    throw new UnsupportedOperationException("a PrincipalCatalog is built from its rules");
  }

  @Override
  public String name() {
    return governance.catalog().name() + " as " + principal;
  }

  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    return governance.ensureDatabase(principal, database, parameters);
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return governance.listDatabases(principal, catalog);
  }

  /**
   * The entry as the principal may describe it; a refusal is thrown (and audited), as DESCRIBE is.
   */
  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    try {
      return Optional.of(governance.describe(principal, id));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return governance.listTables(principal, catalog);
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return governance.tableVersions(principal, id);
  }

  @Override
  public void publish(Publication publication) {
    governance.publish(principal, publication);
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    governance.recordQualityRun(principal, run);
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return governance.qualityHistory(principal, table, limit);
  }

  @Override
  public void recordJobRun(JobRun run) {
    governance.recordJobRun(principal, run);
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return governance.findJobRun(principal, runId);
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return governance.listJobRuns(principal, product, limit);
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return governance.lineage(principal, dataset, limit);
  }

  @Override
  public void close() {}
}
