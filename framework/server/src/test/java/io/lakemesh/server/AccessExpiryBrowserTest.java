package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * When access ends, in the web UI: the consumer's "Your access" and the producer's "Who holds what"
 * say when a grant expires. Screenshots go to {@code target/screenshots} (expiry-*.png).
 */
class AccessExpiryBrowserTest extends BrowserTestBase {
  private static final String ORDERS_PAGE = "#/product/sales/sales/orders";

  @Override
  int products() {
    return 3;
  }

  @Test
  void theHolderAndTheProducerSeeWhenAGrantExpires() throws Exception {
    demo.governance.grant(
        SALES,
        MARKETING,
        Resource.table(DemoCatalog.ORDERS),
        Set.of(Permission.SELECT),
        Set.of(),
        null,
        Instant.parse("2099-01-05T00:00:00Z"));

    ui.signIn(MARKETING);
    ui.open(ORDERS_PAGE);
    ui.await("#product[data-loaded=true]");
    assertThat(ui.await("#holdings").getText())
        .contains("SELECT on table sales:sales.orders", "expires 2099-01-05 00:00 UTC");
    ui.shot("expiry-01-your-access");

    ui.signOut();
    ui.signIn(SALES);
    ui.open(ORDERS_PAGE);
    ui.await("#product[data-loaded=true]");
    ui.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#grants-table"), "expires 2099-01-05 00:00 UTC"));
    ui.shot("expiry-02-who-holds-what");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }
}
