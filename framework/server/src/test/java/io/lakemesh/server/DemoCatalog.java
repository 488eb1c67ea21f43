package io.lakemesh.server;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo mesh (central topology) over a fresh SQLite catalog, with the three sample products
 * published as their jobs would: schema with a PII column, owner, SLA, tags, a quality history with
 * one failed run, and lineage {@code orders.csv -> sales.orders -> finance.revenue <-
 * product.inventory}.
 */
public final class DemoCatalog implements AutoCloseable {
  public static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  public static final TableId INVENTORY = TableId.of("product", "product", "inventory");
  public static final TableId REVENUE = TableId.of("finance", "finance", "revenue");

  public final GovernanceCatalog catalog;
  public final Governance governance;
  private long snapshot = 1000;

  public DemoCatalog(Path dir) {
    this.catalog =
        CatalogLoader.load(
            "jdbc",
            "test",
            Map.of("uri", "jdbc:sqlite:" + dir.resolve("catalog-" + System.nanoTime() + ".db")));
    this.governance = Governance.over(MeshFixtures.demo(Topology.CENTRAL), catalog);
  }

  /**
   * Publishes the samples with {@code runs} quality runs each (the second to last of orders fails).
   */
  public DemoCatalog withProducts(int runs) {
    Principal gov = MeshFixtures.GOVERNANCE;
    governance.createTag(gov, "governance", LfTag.of("domain", "sales", "product", "finance"));
    governance.createTag(
        gov, "governance", LfTag.of("classification", "public", "internal", "confidential"));
    Instant start = Instant.parse("2026-11-01T06:00:00Z");
    for (int i = 0; i < runs; i++) {
      Instant at = start.plus(Duration.ofDays(i));
      boolean fails = i == runs - 2;
      QualityRun quality = quality(ORDERS, "orders-run-" + i, at, 480 + i * 7, fails);
      if (fails) {
        catalog.recordQualityRun(quality);
      } else {
        publish(ORDERS, List.of("file:/data/sales/orders.csv"), quality, at, "sales");
      }
      publish(
          INVENTORY,
          List.of("file:/data/product/inventory.json"),
          quality(INVENTORY, "inventory-run-" + i, at, 120, false),
          at,
          "product");
      publish(
          REVENUE,
          List.of(dataset(ORDERS), dataset(INVENTORY)),
          quality(REVENUE, "revenue-run-" + i, at, 30, false),
          at,
          "finance");
    }
    return this;
  }

  public static String dataset(TableId id) {
    return ApiRoutes.dataset(id);
  }

  private void publish(
      TableId id, List<String> inputs, QualityRun quality, Instant at, String domain) {
    LineageEvent lineage =
        new LineageEvent(
            quality.runId(),
            "lakemesh." + id.database() + "." + id.table(),
            at,
            inputs,
            List.of(dataset(id)),
            "{}");
    governance.publish(
        Principal.administrator(id.catalog()),
        new Publication(table(id, at, domain, quality), quality, lineage, null));
  }

  private CatalogTable table(TableId id, Instant at, String domain, QualityRun quality) {
    Map<String, String> p = new TreeMap<>();
    p.put(TableParameters.PRODUCT, id.database() + "." + id.table());
    p.put(
        TableParameters.DESCRIPTION,
        "The "
            + id.table()
            + " of the "
            + id.catalog()
            + " domain, one row per "
            + (id.equals(ORDERS)
                ? "order line"
                : id.equals(INVENTORY) ? "item and warehouse" : "country and day"));
    p.put(TableParameters.OWNER_TEAM, id.catalog() + "-data");
    p.put(TableParameters.OWNER_CONTACT, id.catalog() + "-data@example.com");
    p.put(TableParameters.SLA_FRESHNESS, "24h");
    p.put(TableParameters.SNAPSHOT_ID, Long.toString(++snapshot));
    p.put(TableParameters.PUBLISHED_AT, at.toString());
    p.put(TableParameters.QUALITY_STATUS, quality.outcome().name());
    p.put(TableParameters.TAG_PREFIX + "domain", domain);
    p.put(TableParameters.TAG_PREFIX + "classification", "internal");
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("order_id", "bigint", false, "the order", false));
    columns.add(new Column("customer_id", "string", true, "who ordered", true));
    columns.add(new Column("amount", "decimal(12,2)", true, "line total", false));
    columns.add(new Column("country", "string", true, "ISO country", false));
    return new CatalogTable(
        id,
        columns,
        "file:/warehouse/" + id.catalog() + "/" + id.table(),
        "iceberg",
        List.of("country"),
        p,
        0,
        at);
  }

  private static QualityRun quality(
      TableId id, String runId, Instant at, double rows, boolean fails) {
    List<ConstraintResult> constraints =
        List.of(
            new ConstraintResult(
                "size",
                "hasSize(>= 100)",
                ConstraintResult.Severity.ERROR,
                ConstraintResult.Status.SUCCESS,
                ""),
            new ConstraintResult(
                "unique(order_id)",
                "isUnique(order_id)",
                ConstraintResult.Severity.ERROR,
                fails ? ConstraintResult.Status.FAILURE : ConstraintResult.Status.SUCCESS,
                fails ? "order_id: 2 of " + (int) rows + " rows share their value" : ""));
    List<Metric> metrics =
        List.of(
            new Metric("Dataset", "*", "Size", rows),
            new Metric("Column", "amount", "Completeness", fails ? 0.97 : 1.0),
            new Metric("Column", "order_id", "Uniqueness", fails ? 0.996 : 1.0));
    return new QualityRun(
        runId, id, null, at, QualityRun.outcomeOf(constraints), metrics, constraints);
  }

  @Override
  public void close() {
    catalog.close();
  }
}
