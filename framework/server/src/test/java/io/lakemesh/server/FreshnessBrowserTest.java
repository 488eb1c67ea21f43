package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Freshness SLAs in headless Chromium: a product the monitor recorded past its SLA reads "stale
 * since" the breach on its discovery card and its page, one that recovered reads fresh, and the
 * discovery filter "in breach of SLA only" lists only those in breach. Screenshots go to {@code
 * target/screenshots}.
 */
class FreshnessBrowserTest extends BrowserTestBase {
  // The demo products were last published on 1 Nov against an SLA of 24h.
  private static final Instant MONITORED = Instant.parse("2026-12-06T10:00:00Z");

  @Override
  int products() {
    return 1;
  }

  @Override
  void prepare(DemoCatalog catalog) {
    Governance.over(
            catalog.governance.mesh(), catalog.catalog, Clock.fixed(MONITORED, ZoneOffset.UTC))
        .checkFreshness();
    // Inventory's job ran just now and found its inputs unchanged: the next pass recovers it.
    Instant now = Instant.now();
    catalog.governance.recordJobRun(
        Principal.administrator("product"),
        new JobRun(
            "inventory-now",
            "product.inventory",
            DemoCatalog.INVENTORY,
            JobRun.Status.UNCHANGED,
            now,
            now,
            1L,
            "inputs unchanged",
            null));
    catalog.governance.checkFreshness();
  }

  @Test
  void aBreachReadsStaleSinceOnTheCardAndThePageAndFiltersTheSearch() throws Exception {
    ui.signIn(MARKETING);
    ui.open("#/");
    ui.await(".card.product[data-product='sales.orders'] .badge.freshness");

    WebElement orders = badge("sales.orders");
    assertThat(orders.getText()).isEqualTo("stale since 2026-12-06 10:00 UTC");
    assertThat(orders.getAttribute("data-breached-since")).isEqualTo("2026-12-06T10:00:00Z");
    assertThat(orders.getAttribute("class")).contains("stale");
    assertThat(badge("product.inventory").getText()).isEqualTo("fresh");
    assertThat(badge("finance.revenue").getText()).isEqualTo("stale since 2026-12-06 10:00 UTC");
    ui.shot("freshness-discover");

    ui.find("#stale").click();
    ui.find("#search-button").click();
    wait.until(ExpectedConditions.urlContains("stale=true"));
    wait.until(d -> ui.findAll(".card.product").size() == 2);
    assertThat(ui.findAll(".card.product"))
        .extracting(c -> c.getAttribute("data-product"))
        .containsExactly("finance.revenue", "sales.orders");
    assertThat(ui.find("#stale").isSelected()).isTrue();
    ui.shot("freshness-discover-stale-only");

    ui.open("#/product/sales/sales/orders");
    ui.await("#freshness");
    assertThat(ui.find("#freshness").getText()).isEqualTo("stale since 2026-12-06 10:00 UTC");
    assertThat(ui.find("#freshness").getAttribute("data-breached-since"))
        .isEqualTo("2026-12-06T10:00:00Z");
    ui.shot("freshness-product");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  private WebElement badge(String product) {
    return ui.find(".card.product[data-product='" + product + "'] .badge.freshness");
  }
}
