package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The product page's quarantine counts in headless Chromium: a consumer who may describe the
 * product sees the rows set aside per rule (a rule on a column hidden from it as "hidden rule") and
 * nothing more; the producer sees the same counts and the command that shows the rows.
 */
class QuarantineBrowserTest extends BrowserTestBase {

  @Override
  int products() {
    return 1;
  }

  @Override
  void prepare(DemoCatalog catalog) {
    CatalogTable before = demo.catalog.loadTable(DemoCatalog.ORDERS);
    Map<String, String> p = new TreeMap<>(before.parameters());
    // A new snapshot: the same one published again changes nothing.
    p.put(TableParameters.SNAPSHOT_ID, "2001");
    p.put(TableParameters.QUARANTINE_ROWS, "3");
    p.put(TableParameters.QUARANTINE_RULES, "{\"not_null(customer_id)\":2,\"range(amount)\":1}");
    demo.governance.publish(
        SALES,
        new Publication(
            new CatalogTable(
                before.id(),
                before.columns(),
                before.location(),
                before.format(),
                before.partitioning(),
                p,
                before.version(),
                before.updatedAt()),
            null,
            null,
            null));
    demo.governance.grant(
        SALES,
        MARKETING,
        Resource.columns(DemoCatalog.ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));
  }

  @Test
  void aConsumerSeesTheCountsOnly() throws Exception {
    ui.signIn(MARKETING);
    ui.open("#/product/sales/sales/orders");
    ui.await("#quarantine");

    assertThat(ui.find("#quarantine-rows").getText())
        .isEqualTo("Quarantined by the published run: 3 rows");
    assertThat(rules()).containsExactly("hidden rule: 2", "range(amount): 1");
    assertThat(ui.findAll("#quarantine-hint")).isEmpty();
    assertThat(ui.find("#quality").getText()).doesNotContain("customer_id");
    ui.shot("quarantine-01-consumer");
  }

  @Test
  void theProducerSeesTheCountsAndTheCommandThatShowsTheRows() throws Exception {
    ui.signIn(SALES);
    ui.open("#/product/sales/sales/orders");
    ui.await("#quarantine-hint");

    assertThat(rules()).containsExactly("not_null(customer_id): 2", "range(amount): 1");
    assertThat(ui.find("#quarantine-hint").getText())
        .isEqualTo(
            "The rows, with the rules each broke: bin/lakemesh quarantine show sales.orders");
    ui.shot("quarantine-02-producer");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  private List<String> rules() {
    return ui.findAll("#quarantine-rules li").stream().map(WebElement::getText).toList();
  }
}
