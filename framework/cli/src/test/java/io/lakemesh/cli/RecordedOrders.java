package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A catalog in {@code dir} where sales.orders was published once by run-1 (read from a CSV file,
 * quality passed) at a time with nanoseconds, and the governance account keeps the LF-tag
 * classification; the config of the demo mesh in central points at it.
 */
final class RecordedOrders {
  /** When run-1 started: a clock's reading, nanoseconds and all. */
  static final Instant STARTED = Instant.parse("2026-12-01T09:00:00.123456789Z");

  static final Instant PUBLISHED = Instant.parse("2026-12-01T09:01:30.987654321Z");

  private RecordedOrders() {}

  /** Records it all and answers the config that reads it. */
  static Path in(Path dir) {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    Path config = CliRun.config(dir, uri, null, null);
    LakemeshConfig c = LakemeshConfig.load(config, dir);
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", c.catalogProperties())) {
      Governance governance = Governance.over(c.mesh(Topology.CENTRAL), catalog);
      Principal sales = Principal.administrator("sales");
      List<Column> columns =
          List.of(
              new Column("order_id", "bigint", false, "", false),
              new Column("country", "string", true, "", false),
              new Column("amount", "decimal(12,2)", true, "", false));
      Map<String, String> parameters =
          Map.of(
              TableParameters.PRODUCT, "sales.orders",
              TableParameters.DESCRIPTION, "Order lines",
              TableParameters.OWNER_TEAM, "sales-data",
              TableParameters.SNAPSHOT_ID, "11",
              TableParameters.QUALITY_STATUS, "PASSED");
      CatalogTable table =
          new CatalogTable(
              PublishedOrders.ORDERS,
              columns,
              "file:/w/sales/orders",
              "iceberg",
              List.of(),
              parameters,
              0,
              PUBLISHED);
      List<ConstraintResult> constraints =
          List.of(
              new ConstraintResult(
                  "unique(order_id)",
                  "isUnique(order_id)",
                  ConstraintResult.Severity.ERROR,
                  ConstraintResult.Status.SUCCESS,
                  "",
                  null));
      QualityRun quality =
          new QualityRun(
              "run-1",
              PublishedOrders.ORDERS,
              11L,
              PUBLISHED,
              QualityRun.Outcome.PASSED,
              List.of(new Metric("Column", "order_id", "Uniqueness", 1.0)),
              constraints);
      LineageEvent lineage =
          new LineageEvent(
              "run-1",
              "sales.orders",
              PUBLISHED,
              List.of("file:/data/orders.csv"),
              List.of(LineageEvent.dataset(PublishedOrders.ORDERS)),
              "{\"eventType\":\"COMPLETE\"}");
      JobRun run =
          new JobRun(
              "run-1",
              "sales.orders",
              PublishedOrders.ORDERS,
              JobRun.Status.PUBLISHED,
              STARTED,
              PUBLISHED,
              11L,
              "published snapshot 11",
              "{\"status\":\"PUBLISHED\"}");
      governance.publish(sales, new Publication(table, quality, lineage, run));
      governance.createTag(
          Principal.administrator("governance"),
          "governance",
          LfTag.of("classification", "public", "internal"));
    }
    return config;
  }
}
