package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search} says whether each product is fresh with the catalog's own answer (the one the web
 * UI shows), embedded and through the catalog server: a product published three days ago whose job
 * ran an hour ago and found its inputs unchanged is fresh against an SLA of 24h.
 */
class SearchFreshnessTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @TempDir Path dir;

  @Test
  void searchPrintsTheFreshnessTheCatalogComputedEmbeddedAndThroughTheServer() throws Exception {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance =
          Governance.over(
              LakemeshConfig.load(CliRun.config(dir, catalogUri, null, null), dir)
                  .mesh(Topology.CENTRAL),
              catalog);
      Instant now = Instant.now();
      Instant published = now.minus(Duration.ofDays(3));
      Principal sales = Principal.administrator("sales");
      governance.publish(sales, new Publication(orders(published), null, null, null));
      governance.recordJobRun(
          sales,
          new JobRun(
              "run-1",
              "sales.orders",
              ORDERS,
              JobRun.Status.UNCHANGED,
              now.minus(Duration.ofHours(1)),
              now.minus(Duration.ofMinutes(55)),
              11L,
              "inputs unchanged",
              null));

      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}))) {
        String token =
            new AccessTokens(catalog, governance)
                .issue(Principal.parse("marketing"), Duration.ofHours(1), "test")
                .text();
        Path embedded = CliRun.config(dir, catalogUri, null, null);
        Path remote =
            CliRun.config(
                dir, "jdbc:sqlite:" + dir.resolve("local.db"), server.uri().toString(), token);

        for (Path config : List.of(embedded, remote)) {
          CliRun text = CliRun.in(dir, config, "search orders --as marketing");
          assertThat(text.code()).as(text.all()).isZero();
          assertThat(text.out()).contains("SLA 24h    fresh ");

          CliRun json = CliRun.in(dir, config, "search orders --as marketing --json");
          JsonNode freshness = new ObjectMapper().readTree(json.out()).get(0).get("freshness");
          assertThat(freshness.get("state").asText()).isEqualTo("FRESH");
          assertThat(Instant.parse(freshness.get("lastChanged").asText())).isEqualTo(published);
        }
      }
    }
  }

  /** sales.orders as published at {@code published}, with an SLA of 24h. */
  static CatalogTable orders(Instant published) {
    Map<String, String> p =
        Map.of(
            TableParameters.PRODUCT, "sales.orders",
            TableParameters.OWNER_TEAM, "sales-data",
            TableParameters.SNAPSHOT_ID, "11",
            TableParameters.SLA_FRESHNESS, "24h",
            TableParameters.PUBLISHED_AT, published.toString(),
            TableParameters.QUALITY_STATUS, "PASSED");
    return new CatalogTable(
        ORDERS,
        List.of(new Column("order_id", "bigint", false, "", false)),
        "file:/w/sales/orders",
        "iceberg",
        List.of(),
        p,
        0,
        published);
  }
}
