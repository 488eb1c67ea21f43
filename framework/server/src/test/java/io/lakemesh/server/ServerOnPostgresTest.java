package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.rules.SearchQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The server on the shared-use backend: PostgreSQL with a connection pool (the pool size serve
 * sets), requests from several clients at once. Runs when {@code LAKEMESH_TEST_PG_URL} is set.
 */
class ServerOnPostgresTest {

  @Test
  void subscriptionStoryAndConcurrentChecksOnAPooledPostgresCatalog() throws Exception {
    String url = System.getenv("LAKEMESH_TEST_PG_URL");
    assumeTrue(
        url != null && !url.isBlank(),
        "LAKEMESH_TEST_PG_URL is not set (.ci/start-postgres prints one)");
    String schema = "lm_server_" + System.nanoTime();
    try (GovernanceCatalog catalog =
        CatalogLoader.load(
            "jdbc", "pg", Map.of("uri", url, "schema", schema, "pool.max-size", "4"))) {
      Governance governance = Governance.over(MeshFixtures.demo(Topology.CENTRAL), catalog);
      try (ServedCatalog served = new ServedCatalog(governance, catalog)) {
        HttpGovernance http = served.client();
        TableId orders = TableId.of("sales", "sales", "orders");
        http.publish(
            SALES,
            new Publication(
                new CatalogTable(
                    orders,
                    List.of(
                        new Column("order_id", "bigint", false, "", false),
                        new Column("amount", "decimal(12,2)", true, "", false)),
                    "file:/w/sales/orders",
                    "iceberg",
                    List.of(),
                    Map.of(
                        TableParameters.PRODUCT, "sales.orders", TableParameters.SNAPSHOT_ID, "1"),
                    0,
                    Instant.now()),
                null,
                null,
                null));
        AccessRequest asked =
            http.requestAccess(MARKETING, Resource.table(orders), Set.of(Permission.SELECT));
        assertThat(http.approve(SALES, asked.id()).state()).isEqualTo(AccessRequest.State.ACTIVE);
        TableId viaLink = TableId.of("marketing", "sales_link", "orders");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
          results.add(
              pool.submit(
                  () -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                      seen.addAll(http.checkSelect(MARKETING, viaLink).visibleColumnNames());
                      seen.add(http.search(MARKETING, SearchQuery.text("orders")).get(0).product());
                    }
                    return seen;
                  }));
        }
        for (Future<List<String>> f : results) {
          assertThat(f.get()).hasSize(15 * 3).contains("order_id", "amount", "sales.orders");
        }
        pool.shutdown();
        assertThat(http.verifyAudit(MeshFixtures.GOVERNANCE)).allMatch(v -> v.isIntact());
      }
    }
  }
}
