package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The runs view, freshness as the catalog computes it, and lineage a reader can follow, in headless
 * Chromium against a real server on loopback over the demo catalog ({@link DemoCatalog}: orders.csv
 * -> sales.orders -> finance.revenue <- product.inventory, last published on 2026-11-08, SLA 24h);
 * every page at 800 px. Screenshots go to {@code target/screenshots}.
 */
class RunsAndLineageBrowserTest extends BrowserTestBase {
  private static final String ORDERS = DemoCatalog.dataset(DemoCatalog.ORDERS);
  private static final String INVENTORY = DemoCatalog.dataset(DemoCatalog.INVENTORY);
  private static final String REVENUE = DemoCatalog.dataset(DemoCatalog.REVENUE);
  private static final String LONG_SOURCE =
      "file:/data/sales/landing/2026/12/06/orders-export-complete.csv";

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Override
  int products() {
    return 4;
  }

  @Test
  void aProductPublishedDaysAgoWhoseRunTodayFoundItsInputsUnchangedShowsFreshEverywhere()
      throws Exception {
    // orders: published long ago, checked 1 h 55 min ago with its inputs unchanged; inventory: no
    // run since its last publish, and its SLA is 24h.
    record(
        DemoCatalog.ORDERS,
        "orders-published",
        JobRun.Status.PUBLISHED,
        now.minus(Duration.ofDays(3)));
    record(
        DemoCatalog.ORDERS,
        "orders-unchanged",
        JobRun.Status.UNCHANGED,
        now.minus(Duration.ofHours(2)));

    ui.signIn(MARKETING);
    ui.open("#/?q=o");
    ui.await(".card.product[data-product='sales.orders'] .freshness");
    assertThat(ui.find(".card.product[data-product='sales.orders'] .freshness").getText())
        .isEqualTo("fresh");
    assertThat(ui.find(".card.product[data-product='product.inventory'] .freshness").getText())
        .isEqualTo("stale");
    ui.shot("runs-01-discover-freshness");

    ui.open("#/product/sales/sales/orders");
    WebElement freshness = ui.await("#freshness");
    assertThat(freshness.getAttribute("data-state")).isEqualTo("FRESH");
    assertThat(freshness.getText()).isEqualTo("fresh");
    assertThat(ui.find("#last-checked").getText()).isEqualTo("last checked 1.9 h ago");
    assertThat(ui.find("#last-changed").getText())
        .startsWith("last changed ")
        .endsWith(" days ago");
    ui.shot("runs-02-product-fresh-after-unchanged-run");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void theRunsViewListsNewestFirstFiltersByProductAndPages() throws Exception {
    for (int i = 0; i < 53; i++) {
      JobRun.Status status = i == 50 ? JobRun.Status.REJECTED : JobRun.Status.UNCHANGED;
      record(DemoCatalog.ORDERS, "orders-" + i, status, now.minus(Duration.ofHours(60 - i)));
    }
    record(
        DemoCatalog.INVENTORY,
        "inventory-1",
        JobRun.Status.PUBLISHED,
        now.minus(Duration.ofMinutes(30)));

    ui.signIn(SALES);
    ui.open("#/runs");
    ui.await("#runs-table tr.run");
    // sales sees its own runs only: inventory's run is product's, which sales may not describe.
    assertThat(runIds()).hasSize(50).first().isEqualTo("orders-52");
    assertThat(runIds()).doesNotContain("inventory-1");
    WebElement rejected = ui.find("tr.run[data-run='orders-50']");
    assertThat(rejected.getText())
        .contains("sales.orders", "REJECTED", "5 min 0 s", "1,234", "4711");
    ui.shot("runs-03-runs-page");

    ui.find("#runs-paging a[rel=next]").click();
    ui.wait.until(ExpectedConditions.urlContains("page=2"));
    ui.wait.until(d -> runIds().contains("orders-0"));
    assertThat(runIds()).containsExactly("orders-2", "orders-1", "orders-0");
    assertThat(ui.find("#runs-paging").getText()).startsWith("Runs 51–53, newest first · page 2");

    ui.signOut();
    ui.signIn(PRODUCT);
    ui.open("#/runs");
    ui.await("#runs-table tr.run");
    WebElement product = ui.find("#run-product");
    product.sendKeys("product.inventory");
    product.submit();
    ui.wait.until(ExpectedConditions.urlContains("#/runs?product=product.inventory"));
    ui.await("#runs-table tr.run");
    assertThat(runIds()).containsExactly("inventory-1");

    ui.open("#/product/product/product/inventory");
    ui.await("#product-runs-table tr.run");
    assertThat(ui.find("#product-runs-table tr.run").getText())
        .contains("inventory-1", "PUBLISHED");
    ui.scrollTo("#product-runs");
    ui.shot("runs-04-product-recent-runs");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void aDiscovererReadsTheShapeAndADescriberFollowsEdgesThatAreRightAndSourcesThatReadWhole()
      throws Exception {
    publishOrdersReading(LONG_SOURCE);

    ui.signIn(MARKETING);
    ui.open("#/product/sales/sales/orders");
    ui.await("#lineage-graph .node");
    // marketing holds nothing on these products, yet reads the lineage shape: the product named,
    // every dataset it may not describe hidden, no file.
    assertThat(nodeNames())
        .contains(ORDERS, "hidden dataset")
        .doesNotContain(REVENUE, INVENTORY)
        .noneMatch(n -> n.startsWith("file:"));
    ui.scrollTo("#lineage");
    ui.shot("lineage-01-as-discoverer");

    ui.signOut();
    ui.signIn(GOVERNANCE);
    ui.open("#/product/sales/sales/orders");
    ui.await("#lineage-graph .node");
    // revenue's second input is inventory, drawn into revenue and not into orders.
    assertThat(edgesFrom(INVENTORY)).containsExactly(REVENUE);
    assertThat(edgesFrom(ORDERS)).containsExactly(REVENUE);
    assertThat(ui.findAll("#lineage-graph path.edge[data-to='" + ORDERS + "']"))
        .extracting(e -> e.getAttribute("data-from"))
        .containsExactlyInAnyOrder(LONG_SOURCE, "file:/data/sales/orders.csv");
    ui.find("#lineage-graph g.node[data-node='" + REVENUE + "'] a").click();
    ui.wait.until(ExpectedConditions.urlContains("#/product/finance/finance/revenue"));
    ui.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("product-title"), "finance:finance.revenue"));

    ui.signOut();
    ui.signIn(SALES);
    ui.open("#/product/sales/sales/orders");
    ui.await("#lineage-graph g.node.source");
    WebElement source =
        ui.find("#lineage-graph g.node.source[data-dataset='" + LONG_SOURCE + "'] text");
    assertThat(
            String.join(
                "",
                source.findElements(By.tagName("tspan")).stream()
                    .map(t -> t.getAttribute("textContent"))
                    .toList()))
        .isEqualTo(LONG_SOURCE);
    assertThat(source.findElements(By.tagName("tspan"))).hasSizeGreaterThan(1);
    ui.scrollTo("#lineage");
    ui.shot("lineage-02-as-owner-full-source-path");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void everyPageFits800PixelsWithoutScrollingSideways() throws Exception {
    publishOrdersReading(LONG_SOURCE);
    record(
        DemoCatalog.ORDERS,
        "orders-unchanged-" + "0123456789abcdef0123456789abcdef",
        JobRun.Status.UNCHANGED,
        now.minus(Duration.ofHours(2)));
    demo.governance.requestAccess(
        MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    ui.windowWidth(800);

    ui.signIn(SALES);
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("discover", "#/");
    pages.put("product-as-producer", "#/product/sales/sales/orders");
    pages.put("requests", "#/requests");
    pages.put("audit", "#/audit");
    pages.put("runs", "#/runs");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      openAndSettle(page.getValue());
      ui.assertNoHorizontalScroll();
      ui.shot("800px-" + page.getKey());
    }
    ui.signOut();
    ui.signIn(MARKETING);
    openAndSettle("#/product/sales/sales/orders");
    ui.assertNoHorizontalScroll();
    ui.shot("800px-product-as-consumer");
    openAndSettle("#/requests");
    ui.assertNoHorizontalScroll();
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  /** Opens a page and waits until none of its sections is still empty. */
  private void openAndSettle(String hash) {
    ui.open(hash);
    ui.await("#main h1");
    ui.wait.until(
        d ->
            ui.findAll("#main div[id]:empty").isEmpty()
                && ui.findAll("#main h1").stream().noneMatch(h -> h.getText().equals("Sign in")));
  }

  private List<String> runIds() {
    return ui.findAll("#runs-table tr.run").stream().map(r -> r.getAttribute("data-run")).toList();
  }

  private List<String> nodeNames() {
    return ui.findAll("#lineage-graph g.node").stream()
        .map(n -> n.getAttribute("data-dataset"))
        .toList();
  }

  private List<String> edgesFrom(String dataset) {
    return ui.findAll("#lineage-graph path.edge[data-from='" + dataset + "']").stream()
        .map(e -> e.getAttribute("data-to"))
        .toList();
  }

  /** A run of {@code table} by its producer, of five minutes, that wrote 1,234 rows. */
  private void record(TableId table, String runId, JobRun.Status status, Instant started) {
    String product = table.database() + "." + table.table();
    demo.governance.recordJobRun(
        Principal.administrator(table.catalog()),
        new JobRun(
            runId,
            product,
            table,
            status,
            started,
            started.plus(Duration.ofMinutes(5)),
            4711L,
            status.name().toLowerCase(),
            "{\"runId\":\"" + runId + "\",\"outputRows\":1234}"));
  }

  /** A new version of orders whose run read {@code source}, as the orders job would publish it. */
  private void publishOrdersReading(String source) {
    CatalogTable t = demo.catalog.findTable(DemoCatalog.ORDERS).orElseThrow();
    Map<String, String> p = new TreeMap<>(t.parameters());
    p.put(TableParameters.SNAPSHOT_ID, "90001");
    CatalogTable next =
        new CatalogTable(
            t.id(),
            t.columns(),
            t.location(),
            t.format(),
            t.partitioning(),
            p,
            t.version(),
            t.updatedAt());
    LineageEvent event =
        new LineageEvent(
            "orders-long-source",
            "lakemesh.sales.orders",
            Instant.parse("2026-11-09T06:00:00Z"),
            List.of(source),
            List.of(ORDERS),
            "{}");
    demo.governance.publish(SALES, new Publication(next, null, event, null));
  }
}
