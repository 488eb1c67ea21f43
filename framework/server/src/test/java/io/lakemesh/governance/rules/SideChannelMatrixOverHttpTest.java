package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.MeshFixtures.SALES_ENGINEER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.governance.Principal;
import io.lakemesh.server.ServedCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The side-channel matrix of {@link SideChannelMatrixTest} (its world, its expected answers), with
 * every read sent to the catalog server over HTTP with the reader's own token, plus the per-table
 * lineage graph, which only the server draws.
 */
class SideChannelMatrixOverHttpTest extends SideChannelMatrixTest {
  private final ServedWorlds servers = new ServedWorlds();
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  GovernanceService service(MeshWorld world) {
    return served(world).client();
  }

  @Override
  GovernanceCatalog reader(MeshWorld world, Principal principal) {
    ServedCatalog served = served(world);
    return CatalogLoader.load(
        HttpCatalog.TYPE,
        "test",
        Map.of(
            HttpCatalog.URL, served.server().uri().toString(),
            HttpCatalog.TOKEN, served.token(principal)));
  }

  /**
   * The graph's JSON, or "refused" for a 403 (a principal the mesh does not declare gets no token:
   * 401).
   */
  @Override
  String lineageGraph(MeshWorld world, Principal principal, TableId table) {
    ServedCatalog served = served(world);
    String token;
    try {
      token = served.token(principal);
    } catch (RuntimeException undeclared) {
      return "refused";
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    served.server().uri()
                        + "/api/v1/tables/"
                        + table.catalog()
                        + "/"
                        + table.database()
                        + "/"
                        + table.table()
                        + "/lineage"))
            .header("Authorization", "Bearer " + token)
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 403 ? "refused" : response.body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theLineageGraphShowsWhatTheReaderMayNotDescribeAsHidden() {
    // Everyone who may discover the product reads its shape: the product named, the rest hidden.
    for (Principal discoverer : List.of(MARKETING, SALES_ENGINEER)) {
      assertThat(lineageGraph(world, discoverer, ORDERS))
          .contains("\"name\":\"" + ORDERS_DATASET + "\"", "\"name\":\"hidden dataset\"")
          .doesNotContain(SOURCE_FILE, REVENUE_DATASET, INVENTORY_DATASET);
    }
    // The producer sees its own source, not the datasets of the account that reads its table.
    assertThat(lineageGraph(world, SALES, ORDERS))
        .contains(SOURCE_FILE, "hidden dataset")
        .doesNotContain(REVENUE_DATASET, INVENTORY_DATASET);
    assertThat(lineageGraph(world, GOVERNANCE, ORDERS))
        .contains(SOURCE_FILE, REVENUE_DATASET, INVENTORY_DATASET)
        .doesNotContain("hidden dataset");
  }

  private ServedCatalog served(MeshWorld world) {
    return servers.served(world);
  }

  @AfterEach
  void stopServers() {
    servers.close();
  }
}
