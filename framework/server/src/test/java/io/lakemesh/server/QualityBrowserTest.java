package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The product page's quality in headless Chromium: one verdict for the data consumers read, a batch
 * rejected after it shown apart, and a table of the spec's rules with value against threshold and a
 * sparkline over the runs; a reader who may only discover the product sees the summary and no
 * measured value. Screenshots go to {@code target/screenshots}.
 */
class QualityBrowserTest extends BrowserTestBase {
  private static final Instant PUBLISHED_AT = Instant.parse("2026-11-04T06:00:00Z");
  private static final Instant REJECTED_AT = Instant.parse("2026-11-05T08:00:00Z");

  @Override
  int products() {
    return 3;
  }

  @Override
  void prepare(DemoCatalog catalog) throws Exception {
    // Runs of 1 to 3 Nov (the second rejected) were stored before rules kept their measures.
    publishMeasuredRun();
    demo.governance.recordQualityRun(Principal.administrator("sales"), rejectedRun());
  }

  @Test
  void aRejectedLastRunLeavesThePublishedVerdictAndShowsAsANoteOfItsOwn() throws Exception {
    ui.signIn(SALES);
    ui.open("#/product/sales/sales/orders");
    ui.await("#rule-table svg.sparkline");

    assertThat(ui.find("#quality-status").getText()).isEqualTo("PASSED");
    assertThat(ui.find("#quality-summary").getText())
        .isEqualTo("3 rules: 3 passed, 0 failed, 0 warnings");
    assertThat(ui.find("#quality-verdict").getText())
        .isEqualTo(
            "Published data: PASSED 3 rules: 3 passed, 0 failed, 0 warnings"
                + " · run orders-run-3, checked 2026-11-04 06:00 UTC");
    assertThat(ui.find("#quality-note").getText())
        .isEqualTo(
            "last attempt 2026-11-05T08:00:00Z: rejected, not published, consumers unaffected"
                + " (unique(order_id) failed: order_id: 2 of 506 rows share their value)");
    assertThat(ui.find("#quality-note").getAttribute("class")).isEqualTo("rejected");
    assertThat(ui.find("#quality-verdict").getText()).doesNotContain("FAILED");
    assertThat(ui.find("#main").getText()).doesNotContain("Current:");

    assertThat(ui.findAll("#rule-table tr[data-rule]"))
        .extracting(r -> r.getAttribute("data-rule"))
        .containsExactly("size", "unique(order_id)", "completeness(country) >= 0.99");
    assertThat(cells("size")).containsExactly("size", "passed", "501", ">= 100", "passed 506");
    assertThat(cells("unique(order_id)"))
        .containsExactly("unique(order_id)", "passed", "100%", "100%", "failed 99.6%");
    assertThat(cells("completeness(country) >= 0.99"))
        .containsExactly(
            "completeness(country) >= 0.99", "passed", "99.6%", ">= 99%", "passed 99.8%");

    // Five runs, 1 to 5 Nov, two rejected for duplicate order ids (2 and 5 Nov): red dots where
    // unique(order_id) failed, red rings on the size rule, which passed in those runs. The axis
    // reads the first and the last run's time, not one date at both ends.
    WebElement unique = ui.find("#rule-table tr[data-rule='unique(order_id)'] svg.sparkline");
    assertThat(unique.findElements(By.cssSelector("circle"))).hasSize(5);
    assertThat(unique.findElements(By.cssSelector("circle.failed"))).hasSize(2);
    assertThat(unique.findElements(By.cssSelector("text")))
        .extracting(WebElement::getText)
        .containsExactly("11-01 06:00", "11-05 08:00");
    WebElement size = ui.find("#rule-table tr[data-rule='size'] svg.sparkline");
    assertThat(size.findElements(By.cssSelector("circle.failed"))).isEmpty();
    assertThat(size.findElements(By.cssSelector("circle.rejected"))).hasSize(2);
    // A rule the older runs did not check: its two runs, the rejected one ringed.
    WebElement country =
        ui.find("#rule-table tr[data-rule='completeness(country) >= 0.99'] svg.sparkline");
    assertThat(country.findElements(By.cssSelector("circle")))
        .extracting(c -> c.getAttribute("class"))
        .containsExactly("point", "rejected");
    ui.shot("quality-01-rejected-last-run");

    ui.windowWidth(800);
    ((JavascriptExecutor) ui.driver)
        .executeScript("document.getElementById('quality').scrollIntoView()");
    ui.assertNoHorizontalScroll();
    ui.shot("quality-02-at-800px");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void aReaderWhoMayOnlyDiscoverTheProductSeesItsSummaryAndNoMeasuredValue() throws Exception {
    ui.signIn(MARKETING);
    ui.open("#/product/sales/sales/orders");
    ui.await("#quality-status");
    ui.await("#product[data-loaded=true]");

    assertThat(ui.find("#quality-status").getText()).isEqualTo("PASSED");
    assertThat(ui.find("#quality-summary").getText())
        .isEqualTo("3 rules: 3 passed, 0 failed, 0 warnings");
    // Checked when the entry was published: the time the catalog stored it, to the minute.
    String stored = demo.catalog.loadTable(DemoCatalog.ORDERS).updatedAt().toString();
    assertThat(ui.find(".facts").getText())
        .contains(
            "published data checked "
                + stored.substring(0, 10)
                + " "
                + stored.substring(11, 16)
                + " UTC");
    assertThat(ui.findAll("#rule-table, #quality")).isEmpty();
    assertThat(ui.find("#main").getText()).doesNotContain("99.6%", "501", "2 of 506");
    ui.shot("quality-03-discoverer");
  }

  @Test
  void aProductCheckedOnceShowsOneLabelledPointPerRule() throws Exception {
    TableId returns = TableId.of("sales", "sales", "returns");
    QualityRun only =
        run(
            returns,
            "returns-run-0",
            PUBLISHED_AT,
            result("size", Status.SUCCESS, "row count 42", new RuleMeasure(42, "42", ">= 1")));
    CatalogTable orders = demo.catalog.loadTable(DemoCatalog.ORDERS);
    Map<String, String> p = new TreeMap<>(orders.parameters());
    p.put(TableParameters.PRODUCT, "sales.returns");
    p.put(TableParameters.RUN_ID, only.runId());
    p.put(TableParameters.QUALITY_SUMMARY, "1 rules: 1 passed, 0 failed, 0 warnings");
    demo.governance.publish(
        Principal.administrator("sales"),
        new Publication(
            CatalogTable.builder(returns)
                .columns(orders.columns())
                .location("file:/warehouse/sales/returns")
                .format("iceberg")
                .parameters(p)
                .updatedAt(PUBLISHED_AT)
                .build(),
            only,
            null,
            null));

    ui.signIn(SALES);
    ui.open("#/product/sales/sales/returns");
    WebElement sparkline = ui.await("#rule-table tr[data-rule='size'] svg.sparkline");

    assertThat(sparkline.findElements(By.cssSelector("circle"))).hasSize(1);
    assertThat(sparkline.findElements(By.cssSelector("path.line"))).isEmpty();
    assertThat(sparkline.findElements(By.cssSelector("text")))
        .extracting(WebElement::getText)
        .containsExactly("11-04 06:00");
    assertThat(cells("size")).containsExactly("size", "passed", "42", ">= 1");
    assertThat(ui.findAll("#quality-note")).isEmpty();
    ui.shot("quality-04-one-run");
  }

  /** The texts of a rule's row, the sparkline left out. */
  private List<String> cells(String rule) {
    return ui.findAll("#rule-table tr[data-rule='" + rule + "'] td").stream()
        .filter(td -> !"runs".equals(td.getAttribute("class")))
        .map(WebElement::getText)
        .toList();
  }

  /** orders-run-3, checked with the rules' measures on 4 Nov, and its entry naming it. */
  private void publishMeasuredRun() {
    QualityRun run =
        run(
            "orders-run-3",
            PUBLISHED_AT,
            result("size", Status.SUCCESS, "row count 501", new RuleMeasure(501, "501", ">= 100")),
            result(
                "unique(order_id)",
                Status.SUCCESS,
                "uniqueness 100%",
                new RuleMeasure(1.0, "100%", "100%")),
            result(
                "completeness(country) >= 0.99",
                Status.SUCCESS,
                "completeness 99.6%",
                new RuleMeasure(0.996, "99.6%", ">= 99%")));
    CatalogTable before = demo.catalog.loadTable(DemoCatalog.ORDERS);
    Map<String, String> p = new TreeMap<>(before.parameters());
    p.put(TableParameters.RUN_ID, run.runId());
    p.put(TableParameters.SNAPSHOT_ID, "2001");
    p.put(TableParameters.QUALITY_STATUS, "PASSED");
    p.put(TableParameters.QUALITY_SUMMARY, "3 rules: 3 passed, 0 failed, 0 warnings");
    p.put(TableParameters.PUBLISHED_AT, PUBLISHED_AT.toString());
    CatalogTable entry = before.toBuilder().parameters(p).updatedAt(PUBLISHED_AT).build();
    LineageEvent lineage =
        new LineageEvent(
            run.runId(),
            "lakemesh.sales.orders",
            PUBLISHED_AT,
            List.of("file:/data/sales/orders.csv"),
            List.of(DemoCatalog.dataset(DemoCatalog.ORDERS)),
            "{}");
    demo.governance.publish(
        Principal.administrator("sales"), new Publication(entry, run, lineage, null));
  }

  /** orders-run-4 on 5 Nov: duplicated order ids, so the gate rejected it and published nothing. */
  private static QualityRun rejectedRun() {
    return run(
        "orders-run-4",
        REJECTED_AT,
        result("size", Status.SUCCESS, "row count 506", new RuleMeasure(506, "506", ">= 100")),
        result(
                "unique(order_id)",
                Status.FAILURE,
                "order_id: 2 of 506 rows share their value",
                new RuleMeasure(0.996, "99.6%", "100%"))
            .withExamples("'1001'"),
        result(
            "completeness(country) >= 0.99",
            Status.SUCCESS,
            "completeness 99.8%",
            new RuleMeasure(0.998, "99.8%", ">= 99%")));
  }

  private static ConstraintResult result(
      String rule, Status status, String message, RuleMeasure m) {
    return new ConstraintResult(rule, rule, Severity.ERROR, status, message, null, m);
  }

  private static QualityRun run(String id, Instant at, ConstraintResult... results) {
    return run(DemoCatalog.ORDERS, id, at, results);
  }

  private static QualityRun run(TableId table, String id, Instant at, ConstraintResult... results) {
    List<ConstraintResult> constraints = List.of(results);
    return new QualityRun(
        id, table, null, at, QualityRun.outcomeOf(constraints), List.of(), constraints);
  }
}
