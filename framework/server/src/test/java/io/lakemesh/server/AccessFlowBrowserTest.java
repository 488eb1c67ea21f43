package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Asking for access in the web UI and deciding on it, in headless Chromium against a real server: a
 * consumer asks from the product page with a justification, the producer approves two columns from
 * "To decide", and the consumer's page then shows what it holds, the name it reads by and a first
 * query; a denial takes a reason inline; a page view by a reader without access writes no refusal.
 * Screenshots go to {@code target/screenshots} (access-*.png).
 */
class AccessFlowBrowserTest extends BrowserTestBase {
  private static final String ORDERS_PAGE = "#/product/sales/sales/orders";
  private static final String WHY = "weekly campaign report by country";

  @Override
  int products() {
    return 3;
  }

  @Test
  void aConsumerAsksTheProducerApprovesTwoColumnsAndTheConsumerSeesWhatItHoldsAndHowToQueryIt()
      throws Exception {
    ui.signIn(MARKETING);
    ui.open(ORDERS_PAGE);
    ui.await("#product[data-loaded=true]");
    assertThat(ui.find("#access-notice").getText())
        .contains("marketing", "hold no permission on sales.orders", "ask sales for access");
    WebElement select = ui.find("#request-form input[name=permission][value=SELECT]");
    assertThat(select.isSelected()).isTrue();
    assertThat(ui.find("#request-form input[name=permission][value=DESCRIBE]").isSelected())
        .isFalse();
    assertThat(ui.findAll("#request-form input[name=column]"))
        .extracting(c -> c.getAttribute("value"))
        .containsExactly("order_id", "customer_id", "amount", "country");
    ui.find("#request-justification").sendKeys(WHY);
    ui.shot("access-01-request-form");
    ui.find("#request-submit").click();

    WebElement pending = ui.await("#pending-request tr[data-request]");
    AccessRequest asked = only(demo.governance.ownRequests(MARKETING));
    assertThat(asked.state()).isEqualTo(AccessRequest.State.PENDING);
    assertThat(asked.resource()).isEqualTo(Resource.table(DemoCatalog.ORDERS));
    assertThat(asked.permissions()).containsExactly(Permission.SELECT);
    assertThat(pending.getAttribute("data-request")).isEqualTo(Long.toString(asked.id()));
    assertThat(pending.getText()).contains("SELECT on table sales:sales.orders", "PENDING", WHY);
    assertThat(pending.findElement(By.className("made")).getText())
        .isEqualTo(asked.createdAt().toString().substring(0, 16).replace('T', ' ') + " UTC");
    assertThat(ui.findAll("#request-form, #connect")).isEmpty();
    assertThat(ui.findAll("#pending-request button.approve, #pending-request button.deny"))
        .isEmpty();
    ui.shot("access-02-pending");

    ui.signOut();
    ui.signIn(SALES);
    ui.open("#/requests");
    WebElement row = ui.await("#to-decide-table tr[data-request='" + asked.id() + "']");
    assertThat(row.findElement(By.className("justification")).getText()).isEqualTo(WHY);
    assertThat(ui.await("#mine-table-empty").getText()).contains("You have made no request");
    row.findElement(By.cssSelector("button.approve")).click();
    WebElement form =
        ui.await("tr.decision-row[data-request='" + asked.id() + "'] form.approve-form");
    assertThat(form.getText()).contains("marketing", WHY);
    for (String column : List.of("customer_id", "country")) {
      form.findElement(By.cssSelector("input[name=column][value=" + column + "]")).click();
    }
    ui.shot("access-03-approve-two-columns");
    form.findElement(By.cssSelector("button.confirm")).click();
    awaitText("#to-decide-table tr[data-request='" + asked.id() + "'] .decision", "ACTIVE");
    Grant granted = only(demo.governance.ownAccess(MARKETING, DemoCatalog.ORDERS).grants());
    assertThat(granted.resource())
        .isEqualTo(Resource.columns(DemoCatalog.ORDERS, List.of("order_id", "amount")));
    assertThat(granted.permissions()).containsExactly(Permission.SELECT);
    assertThat(ui.find("#to-decide-table tr[data-request='" + asked.id() + "']").getText())
        .contains("granted SELECT on columns amount,order_id of sales:sales.orders");
    ui.shot("access-04-approved");

    ui.signOut();
    ui.signIn(MARKETING);
    ui.open(ORDERS_PAGE);
    ui.await("#product[data-loaded=true]");
    assertThat(ui.find("#holdings").getText())
        .contains(
            "SELECT on columns amount,order_id of sales:sales.orders",
            "subscription (request " + asked.id() + ")");
    assertThat(ui.find("#link-name").getText()).isEqualTo("sales_link.orders");
    assertThat(ui.find("#connect-query").getText())
        .isEqualTo(
            "bin/lakemesh query --as marketing \"SELECT * FROM sales_link.orders LIMIT 10\"");
    assertThat(ui.find("#own-requests tr[data-request='" + asked.id() + "']").getText())
        .contains("ACTIVE", WHY);
    assertThat(ui.findAll("#own-requests button.end")).hasSize(1);
    assertThat(ui.findAll("#access-notice, #request-form")).isEmpty();
    ui.shot("access-05-your-access");
    ui.windowWidth(800);
    ui.assertNoHorizontalScroll();
    ui.open("#/requests");
    ui.await("#mine-table");
    ui.assertNoHorizontalScroll();
    ui.shot("access-05b-requests-800px");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void aDiscovererWithoutAccessSeesOneNoticeWritesNoRefusalAndMayAskForSomeColumns()
      throws Exception {
    ui.signIn(PRODUCT);
    long refusedBefore = refusals();
    ui.open(ORDERS_PAGE);
    ui.await("#product[data-loaded=true]");
    ui.await("#connect-summary");
    // the access notice and the CLI guide's; the lineage section, open to discoverers, has its own
    assertThat(ui.findAll("#your-access .notice, #connect .notice")).hasSize(2);
    assertThat(ui.find("#product").getText()).doesNotContain("Needs DESCRIBE");
    assertThat(ui.findAll("#access-notice")).hasSize(1);
    assertThat(ui.findAll("#request-form")).hasSize(1);
    assertThat(ui.findAll("#quality, #product-runs, #access")).isEmpty();
    ui.await("#lineage .lineage, #lineage .notice");
    assertThat(refusals()).as("REFUSED events after a page view").isEqualTo(refusedBefore);
    ui.windowWidth(800);
    ui.assertNoHorizontalScroll();
    ui.shot("access-06-discoverer-800px");

    // Some columns ticked: the request is for those columns only.
    ui.find("#request-form input[name=column][value=order_id]").click();
    ui.find("#request-form input[name=column][value=country]").click();
    ui.find("#request-submit").click();
    assertThat(ui.await("#pending-request tr[data-request]").getText())
        .contains("SELECT on columns country,order_id of sales:sales.orders");
    assertThat(only(demo.governance.ownRequests(PRODUCT)).resource())
        .isEqualTo(Resource.columns(DemoCatalog.ORDERS, List.of("order_id", "country")));
  }

  @Test
  void deniesTakeAReasonInlineEitherSideEndsASubscriptionAndNobodyDecidesItsOwn() throws Exception {
    AccessRequest denied =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.INVENTORY), Set.of(Permission.SELECT));
    AccessRequest active =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    AccessRequest toEnd =
        demo.governance.requestAccess(
            PRODUCT, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    demo.governance.approve(SALES, active.id());
    demo.governance.approve(SALES, toEnd.id());

    ui.signIn(PRODUCT);
    ui.open("#/requests");
    WebElement row = ui.await("#to-decide-table tr[data-request='" + denied.id() + "']");
    row.findElement(By.cssSelector("button.deny")).click();
    WebElement form =
        ui.await("tr.decision-row[data-request='" + denied.id() + "'] form.deny-form");
    form.findElement(By.name("reason")).sendKeys("inventory is internal only");
    ui.windowWidth(800);
    ui.assertNoHorizontalScroll();
    ui.shot("access-07-deny-inline-800px");
    form.findElement(By.cssSelector("button.confirm")).click();
    awaitText(
        "#to-decide-table tr[data-request='" + denied.id() + "'] .reason",
        "inventory is internal only");
    assertThat(stateOf(denied)).isEqualTo(AccessRequest.State.DENIED);
    // product's own subscription to sales.orders is under Mine, and it may end it only.
    WebElement mine = ui.find("#mine-table tr[data-request='" + toEnd.id() + "']");
    assertThat(mine.findElements(By.cssSelector("button.approve, button.deny"))).isEmpty();
    mine.findElement(By.cssSelector("button.end")).click();
    WebElement end = ui.await("tr.decision-row[data-request='" + toEnd.id() + "'] form.end-form");
    assertThat(end.getText()).contains("Your grant is revoked");
    end.findElement(By.cssSelector("button.confirm")).click();
    awaitText("#mine-table tr[data-request='" + toEnd.id() + "'] .decision", "REVOKED");
    assertThat(stateOf(toEnd)).isEqualTo(AccessRequest.State.REVOKED);

    ui.signOut();
    ui.windowWidth(1280);
    ui.signIn(SALES);
    ui.open("#/requests");
    ui.await("#to-decide-table tr[data-request='" + active.id() + "'] button.end").click();
    ui.await("tr.decision-row[data-request='" + active.id() + "'] button.confirm").click();
    awaitText("#to-decide-table tr[data-request='" + active.id() + "'] .decision", "REVOKED");
    assertThat(stateOf(active)).isEqualTo(AccessRequest.State.REVOKED);
    ui.shot("access-08-ended-by-producer");

    ui.signOut();
    ui.signIn(MARKETING);
    ui.open("#/requests");
    ui.await("#mine-table");
    assertThat(ui.findAll("#mine-table button.approve, #mine-table button.deny")).isEmpty();
    assertThat(ui.find("#mine-table tr[data-request='" + denied.id() + "']").getText())
        .contains("DENIED", "inventory is internal only");
    assertThat(ui.await("#to-decide-table-empty").getText()).contains("Nothing to decide");
    ui.shot("access-09-consumer-requests");
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  /** Waits until the element {@code css} finds shows {@code text}. */
  private void awaitText(String css, String text) {
    ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private AccessRequest.State stateOf(AccessRequest request) {
    return demo.governance.requests(GOVERNANCE).stream()
        .filter(r -> r.id() == request.id())
        .findFirst()
        .orElseThrow()
        .state();
  }

  private long refusals() {
    return demo.governance.audit(GOVERNANCE, AuditQuery.all()).stream()
        .filter(e -> e.outcome() == AuditEvent.Outcome.REFUSED)
        .count();
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
