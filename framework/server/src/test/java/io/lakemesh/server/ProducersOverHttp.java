package io.lakemesh.server;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A catalog server on loopback over a fresh backend, reached through {@link HttpCatalog}s, one per
 * principal, so that a contract suite written for one catalog can run against it: every record is
 * written as its producer (as that producer's job would write it), and everything is read as the
 * governance account, which in {@code central} may describe every product. The server applies the
 * rules to each call; this only chooses whose token each call carries.
 */
final class ProducersOverHttp implements GovernanceCatalog {
  /** The accounts the contract suites name: producers sales, hr and finance, and governance. */
  static final Mesh MESH =
      Mesh.builder()
          .topology(Topology.CENTRAL)
          .account(account("governance", AccountRole.GOVERNANCE))
          .account(account("sales", AccountRole.PRODUCER))
          .account(account("hr", AccountRole.PRODUCER))
          .account(account("finance", AccountRole.PRODUCER))
          .build();

  private final GovernanceCatalog backend;
  private final ServedCatalog served;
  private final Map<String, GovernanceCatalog> clients = new ConcurrentHashMap<>();

  /** Serves a fresh backend with these (jdbc) properties. */
  ProducersOverHttp(Map<String, String> backendProperties) {
    this.backend = CatalogLoader.load("jdbc", "backend", backendProperties);
    this.served = new ServedCatalog(Governance.over(MESH, backend), backend);
  }

  /** The http catalog that acts as the account's administrator, as its token's principal. */
  GovernanceCatalog as(String account) {
    return clients.computeIfAbsent(
        account,
        a ->
            CatalogLoader.load(
                HttpCatalog.TYPE,
                "http-" + a,
                Map.of(
                    HttpCatalog.URL,
                    served.server().uri().toString(),
                    HttpCatalog.TOKEN,
                    served.token(Principal.administrator(a)))));
  }

  private GovernanceCatalog reader() {
    return as("governance");
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {}

  @Override
  public String name() {
    return "http";
  }

  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    return as(database.catalog()).ensureDatabase(database, parameters);
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return reader().listDatabases(catalog);
  }

  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    return reader().findTable(id);
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return reader().listTables(catalog);
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return reader().tableVersions(id);
  }

  @Override
  public void publish(Publication publication) {
    as(publication.table().id().catalog()).publish(publication);
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    as(run.table().catalog()).recordQualityRun(run);
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return reader().qualityHistory(table, limit);
  }

  @Override
  public void recordJobRun(JobRun run) {
    as(run.account()).recordJobRun(run);
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return reader().findJobRun(runId);
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return reader().listJobRuns(product, limit);
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return reader().lineage(dataset, limit);
  }

  @Override
  public void close() {
    clients.values().forEach(GovernanceCatalog::close);
    served.close();
    backend.close();
  }

  private static Account account(String id, AccountRole role) {
    return Account.builder(id).roles(role).lob("corporate").storageRoot("warehouse/" + id).build();
  }
}
