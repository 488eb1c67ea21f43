package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer job whose config names a catalog server records everything on the server, as the
 * token's principal: its run, its quality run and its publish; the mesh home's own catalog database
 * is not even opened. A token of another account may not run the producer's job.
 */
class ProducerJobThroughServerTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @TempDir Path dir;

  @Test
  void aJobRunThroughTheServerRecordsItsRunAndQualityRunThere() throws Exception {
    try (GovernanceCatalog catalog =
        CatalogLoader.load(
            "jdbc", "server", Map.of("uri", "jdbc:sqlite:" + dir.resolve("server.db")))) {
      Governance governance =
          Governance.over(
              LakemeshConfig.load(TestMesh.REPO.resolve("conf/mesh.conf"), dir)
                  .mesh(Topology.CENTRAL),
              catalog);
      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}))) {
        AccessTokens tokens = new AccessTokens(catalog, governance);
        MeshCli sales = cli("sales", server, tokens);

        MeshCli.Result run = sales.run("run", "sales.orders");
        assertThat(run.code()).as(run.err()).isZero();

        List<JobRun> runs = catalog.listJobRuns("sales.orders", 10);
        assertThat(runs)
            .singleElement()
            .satisfies(r -> assertThat(r.status()).isEqualTo(JobRun.Status.PUBLISHED));
        assertThat(catalog.qualityHistory(ORDERS, 10))
            .extracting(QualityRun::runId)
            .containsExactly(runs.get(0).runId());
        assertThat(catalog.findTable(ORDERS)).isPresent();
        assertThat(sales.run("runs").out()).contains(runs.get(0).runId(), "PUBLISHED");
        assertThat(sales.home().resolve("catalog.db"))
            .as("the home's own catalog database")
            .doesNotExist();

        MeshCli.Result asMarketing = cli("marketing", server, tokens).run("run", "sales.orders");
        assertThat(asMarketing.code()).as(asMarketing.err()).isEqualTo(4);
        assertThat(asMarketing.err()).contains("marketing may not RECORD RUN");
        assertThat(
                governance.audit(
                    Principal.administrator("governance"),
                    AuditQuery.ofLog("governance").withActor(Principal.administrator("marketing"))))
            .extracting(AuditEvent::action)
            .containsExactly(AuditAction.TOKEN_CREATE, AuditAction.RECORD_RUN);
      }
    }
  }

  private MeshCli cli(String account, CatalogServer server, AccessTokens tokens) throws Exception {
    String token =
        tokens.issue(Principal.administrator(account), Duration.ofHours(1), "test").text();
    return new MeshCli(
        Files.createDirectories(dir.resolve(account)),
        TestMesh.PRODUCTS,
        "central",
        "lakemesh.catalog { url = \"" + server.uri() + "\", token = \"" + token + "\" }");
  }
}
