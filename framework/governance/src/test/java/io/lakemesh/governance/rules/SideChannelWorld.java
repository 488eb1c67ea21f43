package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.FINANCE_ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.COLUMNS;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.COUNTRY_EXAMPLE;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.COUPON_EXAMPLE;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.INVENTORY_DATASET;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.OLD_ROW_VALUE;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.ORDERS;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.ORDERS_DATASET;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.PII_EXAMPLE;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.REVENUE_DATASET;
import static io.lakemesh.governance.rules.SideChannelMatrixTest.SOURCE_FILE;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The world of {@link SideChannelMatrixTest} (central): {@code sales.orders} has order_id,
 * customer_id (PII, tagged confidential), amount, country and coupon (tagged confidential); the
 * table is tagged internal. {@code finance.revenue} reads sales.orders and product.inventory. A
 * rejected run of sales.orders stored a failed quality run and a run report. The grants each reader
 * holds are made here too.
 */
final class SideChannelWorld {
  private SideChannelWorld() {}

  /** Publishes, tags, grants and records all of the above in {@code world}. */
  static void arrange(MeshWorld world) {
    Governance g = world.governance;
    world.defineSalesTags();
    g.publish(SALES, new Publication(orders(world), null, null, null));
    g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");
    g.assignTag(SALES, TagTarget.column(ORDERS, "customer_id"), "classification", "confidential");
    g.assignTag(SALES, TagTarget.column(ORDERS, "coupon"), "classification", "confidential");
    world.publish(MeshWorld.INVENTORY, List.of("sku", "stock"), Map.of());
    g.grant(
        SALES,
        MARKETING,
        Resource.columns(ORDERS, List.of("order_id", "amount", "country")),
        Set.of(Permission.SELECT));
    g.grant(
        SALES,
        ANALYST,
        Resource.tagPolicy("sales", TagExpression.parse("classification IN (public,internal)")),
        EnumSet.of(Permission.SELECT, Permission.DESCRIBE));
    g.grant(SALES, FINANCE_ANALYST, Resource.table(ORDERS), EnumSet.of(Permission.SELECT));
    g.createFilter(
        SALES,
        new DataFilter(
            ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id", "coupon")));
    g.grant(SALES, MARKETING, Resource.filter(ORDERS, "us_only"), EnumSet.of(Permission.SELECT));
    g.recordQualityRun(SALES, failedRun());
    g.recordJobRun(SALES, rejectedRun());
    g.recordJobRun(SALES, malformedRun());
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    g.publish(
        SALES,
        new Publication(
            orders(world),
            null,
            new LineageEvent(
                "run-orders-1",
                "sales.orders",
                at,
                List.of(SOURCE_FILE),
                List.of(ORDERS_DATASET),
                openLineage("run-orders-1", SOURCE_FILE, ORDERS_DATASET)),
            null));
    CatalogTable revenue =
        world.publication(MeshWorld.REVENUE, List.of("revenue", "month"), Map.of()).table();
    g.publish(
        FINANCE,
        new Publication(
            revenue,
            null,
            new LineageEvent(
                "run-revenue-1",
                "finance.revenue",
                at.plusSeconds(60),
                List.of(ORDERS_DATASET, INVENTORY_DATASET),
                List.of(REVENUE_DATASET),
                openLineage(
                    "run-revenue-1",
                    ORDERS_DATASET + "\", \"" + INVENTORY_DATASET,
                    REVENUE_DATASET)),
            null));
  }

  /**
   * A version of sales.orders partitioned on a column tagged confidential, read from the producer's
   * file.
   */
  static CatalogTable orders(MeshWorld world) {
    CatalogTable t = world.publication(ORDERS, COLUMNS, Map.of()).table();
    Map<String, String> parameters = new LinkedHashMap<>(t.parameters());
    parameters.put(TableParameters.LINEAGE_INPUTS, SOURCE_FILE);
    return new CatalogTable(
        t.id(),
        t.columns(),
        t.location(),
        t.format(),
        List.of("bucket(4, coupon)", "order_id"),
        parameters,
        t.version(),
        t.updatedAt());
  }

  /**
   * A failed gate of sales.orders: three rules on hidden columns, one on country, one stored before
   * examples were kept apart.
   */
  static QualityRun failedRun() {
    return new QualityRun(
        "run-rejected-1",
        ORDERS,
        null,
        Instant.parse("2026-12-01T09:00:00Z"),
        QualityRun.Outcome.FAILED,
        List.of(
            new Metric("Dataset", "*", "Size", 10),
            new Metric("Column", "customer_id", "Completeness", 0.8),
            new Metric("Column", "customer_id", "Maximum", 42),
            new Metric("Column", "coupon_ok", "Compliance", 0.9),
            new Metric("Column", "amount", "Completeness", 0.9),
            new Metric("Column", "amount", "Maximum", 500)),
        List.of(
            failure(
                    "not_null(customer_id)",
                    "customer_id is complete",
                    "customer_id: 2 of 10 rows are null (completeness 80%, required 100%)",
                    null)
                .withMeasure(new RuleMeasure(0.8, "80%", "100%")),
            failure(
                "unique(customer_id)",
                "customer_id is unique",
                "customer_id: 2 of 10 rows share their value with another row (uniqueness 80%,"
                    + " required 100%)",
                "'" + PII_EXAMPLE + "' in 2 rows"),
            failure(
                    "coupon_ok",
                    "coupon <> 'FREE'",
                    "1 of 10 rows fail coupon <> 'FREE' (compliance 90%, required 100%)",
                    "row {\"coupon\":\"" + COUPON_EXAMPLE + "\"}")
                .withMeasure(new RuleMeasure(0.9, "90%", "100%")),
            failure(
                "allowed-values(country)",
                "country in (DE, FR)",
                "country: 1 of 10 rows not in (DE, FR) (compliance 90%, required 100%)",
                "'" + COUNTRY_EXAMPLE + "'"),
            failure(
                "completeness(amount)",
                "amount is complete",
                "amount: 1 of 10 rows are null, e.g. row {\"order_id\":\"O-1\",\"customer_id\":\""
                    + OLD_ROW_VALUE
                    + "\",\"amount\":null,\"country\":\"DE\",\"coupon\":\"NONE\"} (completeness"
                    + " 90%, required 100%)",
                null)));
  }

  static ConstraintResult failure(String rule, String constraint, String message, String examples) {
    return new ConstraintResult(
        rule, constraint, Severity.ERROR, Status.FAILURE, message, examples);
  }

  /** The run record of the rejected run, its report as {@code run --json} prints it. */
  static JobRun rejectedRun() {
    String report =
        "{\"product\":\"sales.orders\",\"runId\":\"run-rejected-1\",\"status\":\"REJECTED\",\"message\":\"quality"
            + " gate failed: unique(customer_id): customer_id: 2 of 10 rows share their value with"
            + " another row\",\"table\":\"sales:sales.orders\","
            // A field the report does not have today: hidden until a rule for it is written.
            + "\"sampleRow\":{\"customer_id\":\""
            + OLD_ROW_VALUE
            + "\"},"
            + "\"sourceRows\":{\"orders\":10},\"constraints\":[{\"rule\":\"unique(customer_id)\",\"constraint\":\"customer_id"
            + " is unique\",\"severity\":\"ERROR\",\"status\":\"FAILURE\",\"message\":\"customer_id:"
            + " 2 of 10 rows share their value with another row\",\"examples\":\"'"
            + PII_EXAMPLE
            + "' in 2 rows\"},{\"rule\":\"allowed-values(country)\",\"constraint\":\"country in"
            + " (DE, FR)\",\"severity\":\"ERROR\",\"status\":\"FAILURE\",\"message\":\"country: 1"
            + " of 10 rows not in (DE, FR), e.g. '"
            + COUNTRY_EXAMPLE
            + "'\"}]}";
    return new JobRun(
        "run-rejected-1",
        "sales.orders",
        ORDERS,
        JobRun.Status.REJECTED,
        Instant.parse("2026-12-01T08:59:00Z"),
        Instant.parse("2026-12-01T09:00:00Z"),
        null,
        "quality gate failed: unique(customer_id): customer_id: 2 of 10 rows share their value with"
            + " another row",
        report);
  }

  /** A run rejected on reading: its message names the source file and shows a line of it. */
  static JobRun malformedRun() {
    return new JobRun(
        "run-malformed-1",
        "sales.orders",
        ORDERS,
        JobRun.Status.REJECTED,
        Instant.parse("2026-12-01T07:00:00Z"),
        Instant.parse("2026-12-01T07:01:00Z"),
        null,
        "source orders: 2 of 10 rows in "
            + SOURCE_FILE
            + " are malformed (do not match the declared schema), e.g. O-1,"
            + OLD_ROW_VALUE
            + ",abc",
        null);
  }

  /**
   * An OpenLineage run event with a schema facet naming every column and a column lineage facet.
   */
  static String openLineage(String runId, String input, String output) {
    return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-01T10:00:00Z\",\"run\":{\"runId\":\""
        + runId
        + "\"},\"job\":{\"namespace\":\"lakemesh\",\"name\":\"job\"},\"inputs\":[{\"name\":\""
        + input
        + "\"}],\"outputs\":[{\"name\":\""
        + output
        + "\",\"facets\":{\"schema\":{\"fields\":[{\"name\":\"customer_id\"},{\"name\":\"coupon\"}]},"
        + "\"columnLineage\":{\"fields\":{\"coupon\":{\"inputFields\":[{\"name\":\""
        + SOURCE_FILE
        + "\",\"field\":\"coupon\"}]}}}}}]}";
  }
}
