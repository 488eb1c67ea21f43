package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in headless Chromium against a real server on loopback: sign in with a token, search,
 * open a product, see its quality rule table (the failed run marked) and lineage graph, approve a
 * pending request as the producer, and see that a consumer has nothing to decide on its own; filter
 * and page the audit at 800 px; be signed out, told why, when the token is revoked. Screenshots go
 * to {@code target/screenshots}.
 */
class CatalogUiBrowserTest extends BrowserTestBase {

  @Override
  int products() {
    return 8;
  }

  @Test
  void producerFindsItsProductSeesQualityAndLineageAndApprovesAConsumerDecidesNothing()
      throws Exception {
    AccessRequest fromMarketing =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    AccessRequest fromFinance =
        demo.governance.requestAccess(
            FINANCE, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));

    signIn(served.token(SALES), "sales");
    shot("01-signed-in");

    browser.findElement(By.id("q")).sendKeys("orders");
    browser.findElement(By.id("tag")).sendKeys("domain=sales");
    browser.findElement(By.id("search-button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".card.product")));
    List<WebElement> cards = browser.findElements(By.cssSelector(".card.product"));
    assertThat(cards)
        .extracting(c -> c.getAttribute("data-product"))
        .containsExactly("sales.orders");
    shot("02-search");

    cards.get(0).findElement(By.className("product-link")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rule-table svg.sparkline")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lineage-graph .node")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#requests-table")));
    assertThat(browser.findElement(By.id("description")).getText()).contains("order line");
    assertThat(browser.findElement(By.id("owner-team")).getText()).contains("sales-data");
    assertThat(browser.findElement(By.cssSelector("tr[data-column=customer_id] .pii")).getText())
        .isEqualTo("PII");
    assertThat(browser.findElements(By.cssSelector("#rule-table tr[data-rule]")))
        .extracting(r -> r.getAttribute("data-rule"))
        .containsExactly("size", "unique(order_id)");
    assertThat(
            browser.findElements(
                By.cssSelector("#rule-table tr[data-rule='unique(order_id)'] circle.failed")))
        .hasSize(1);
    List<String> datasets =
        browser.findElements(By.cssSelector("#lineage-graph .node")).stream()
            .map(n -> n.getAttribute("data-dataset"))
            .toList();
    // finance.revenue, which sales may not describe, reads as hidden to sales (RecordRedaction).
    assertThat(datasets)
        .contains(
            DemoCatalog.dataset(DemoCatalog.ORDERS),
            "hidden dataset",
            "file:/data/sales/orders.csv")
        .doesNotContain(DemoCatalog.dataset(DemoCatalog.REVENUE));
    assertThat(browser.findElements(By.cssSelector("#lineage-graph path.edge")))
        .hasSizeGreaterThanOrEqualTo(2);
    shot("03-product");

    WebElement row =
        browser.findElement(By.cssSelector("tr[data-request='" + fromFinance.id() + "']"));
    row.findElement(By.cssSelector("button.approve")).click();
    wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "tr.decision-row[data-request='" + fromFinance.id() + "'] button.confirm")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("tr[data-request='" + fromFinance.id() + "'] .decision"), "ACTIVE"));
    assertThat(
            demo.governance.requests(SALES).stream()
                .filter(r -> r.id() == fromFinance.id())
                .findFirst()
                .orElseThrow()
                .state())
        .isEqualTo(AccessRequest.State.ACTIVE);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("grants-table"), "finance"));
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-request='" + fromFinance.id() + "'] .state"))
                .getText())
        .isEqualTo("ACTIVE");
    shot("04-approved-by-producer");

    signOut();
    signIn(served.token(MARKETING), "marketing");
    browser.get(served.server().uri() + "/#/requests");
    // A consumer's own requests are under "Mine", with nothing to decide on them.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#mine-table tr[data-request='" + fromMarketing.id() + "']")));
    assertThat(browser.findElements(By.cssSelector("button.approve, button.deny"))).isEmpty();
    assertThat(
            demo.governance.requests(SALES).stream()
                .filter(r -> r.id() == fromMarketing.id())
                .findFirst()
                .orElseThrow()
                .state())
        .isEqualTo(AccessRequest.State.PENDING);
    shot("05-refused-as-consumer");

    browser.get(served.server().uri() + "/#/product/sales/sales/orders");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product[data-loaded=true]")));
    shot("06-product-as-consumer");

    signOut();
    signIn(served.token(GOVERNANCE), "governance");
    browser.get(served.server().uri() + "/#/audit");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verify-table .intact")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-table")));
    assertThat(browser.findElement(By.id("audit-table")).getText()).contains("APPROVE");
    shot("07-audit");
    assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void theProductPageShowsEachReaderHowToQueryItByWhatItHolds() throws Exception {
    demo.governance.approve(
        SALES,
        demo.governance
            .requestAccess(MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT))
            .id());
    demo.governance.grant(
        SALES,
        FINANCE,
        Resource.columns(DemoCatalog.ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));
    String uri = served.server().uri().toString().replaceAll("/$", "") + "/iceberg";

    String token = served.token(MARKETING);
    signIn(token, "marketing");
    browser.get(served.server().uri() + "/#/product/sales/sales/orders");
    WebElement summary =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#connect-summary[data-engine=spark]")));
    assertThat(summary.getAttribute("data-path")).isEqualTo("ICEBERG_REST");
    assertThat(browser.findElement(By.id("connect-settings")).getText())
        .contains(
            "--conf spark.sql.catalog.mesh.type=rest",
            "--conf spark.sql.catalog.mesh.uri=" + uri,
            "--conf spark.sql.catalog.mesh.token=\"$LAKEMESH_TOKEN\"")
        .doesNotContain(token);
    assertThat(browser.findElement(By.id("connect-query")).getText())
        .isEqualTo("SELECT * FROM mesh.sales_link.orders LIMIT 10");
    browser.findElement(By.cssSelector("button.engine-tab[data-engine=trino]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#connect-summary[data-engine=trino]")));
    assertThat(browser.findElement(By.id("connect-settings")).getText())
        .contains(
            "iceberg.rest-catalog.uri=" + uri,
            "iceberg.rest-catalog.oauth2.token=${ENV:LAKEMESH_TOKEN}");
    shot("08-connect-table-reader");

    summary = connectSummaryOfOrdersAs(FINANCE);
    assertThat(summary.getAttribute("data-path")).isEqualTo("GOVERNED_ENGINES");
    assertThat(browser.findElements(By.cssSelector("button.engine-tab"))).isEmpty();
    assertThat(browser.findElement(By.id("connect-steps")).getText())
        .isEqualTo("bin/lakemesh links create --as finance --table sales.orders");
    assertThat(browser.findElement(By.id("connect-query")).getText())
        .isEqualTo("bin/lakemesh query --as finance \"SELECT * FROM sales_link.orders LIMIT 10\"");
    shot("09-connect-column-reader");

    summary = connectSummaryOfOrdersAs(PRODUCT);
    assertThat(summary.getAttribute("data-path")).isEqualTo("NO_ACCESS");
    assertThat(browser.findElement(By.id("connect-steps")).getText())
        .isEqualTo("bin/lakemesh request-access --as product --table sales.orders --perm SELECT");
    assertThat(browser.findElements(By.id("connect-settings"))).isEmpty();
    shot("10-connect-no-access");
    assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void aBadTokenIsRefusedAtSignIn() throws Exception {
    browser.get(served.server().uri() + "/");
    browser.findElement(By.id("token")).sendKeys("lmt_nothing_here");
    browser.findElement(By.id("login-button")).click();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertThat(error.getText()).contains("unknown token");
    shot("00-bad-token");
    assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void theAuditFiltersByActorFromTheAddressAndTheFormPagesNewestFirstAndFits800Pixels()
      throws Exception {
    demo.governance.requestAccess(
        MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    demo.governance.requestAccess(
        FINANCE, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    // 60 grant and revoke events by sales: more than one page of 50 in every reading of the log.
    Resource columns = Resource.columns(DemoCatalog.ORDERS, List.of("order_id", "amount"));
    for (int i = 0; i < 30; i++) {
      demo.governance.grant(SALES, PRODUCT, columns, Set.of(Permission.SELECT));
      demo.governance.revoke(SALES, PRODUCT, columns, Set.of(Permission.SELECT));
    }
    browser.manage().window().setSize(new Dimension(800, 1000));
    signIn(served.token(GOVERNANCE), "governance");

    browser.get(served.server().uri() + "/#/audit?actor=marketing");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-table tr.event")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Audit");
    assertThat(browser.findElement(By.id("actor")).getAttribute("value")).isEqualTo("marketing");
    assertThat(actors()).isNotEmpty().allMatch(a -> a.startsWith("marketing"));
    shot("11-audit-by-actor");

    WebElement actor = browser.findElement(By.id("actor"));
    actor.clear();
    actor.sendKeys("finance");
    actor.submit();
    wait.until(ExpectedConditions.urlContains("#/audit?actor=finance"));
    wait.until(
        d -> !actors().isEmpty() && actors().stream().allMatch(a -> a.startsWith("finance")));

    browser.get(served.server().uri() + "/#/audit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("audit-paging"), "page 1 of"));
    List<Long> first = seqs();
    assertThat(first).hasSize(50);
    assertThat(first).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(browser.findElement(By.id("audit-paging")).getText()).startsWith("Events 1–50 of ");
    Long newestOfFirst = first.get(0);
    assertNoHorizontalScroll();
    shot("12-audit-800px");

    browser.findElement(By.cssSelector("#audit-paging a[rel=next]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("audit-paging"), "page 2 of"));
    List<Long> second = seqs();
    assertThat(second).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(second.get(0)).isLessThan(first.get(first.size() - 1));
    assertThat(browser.findElement(By.id("audit-paging")).getText()).startsWith("Events 51–");
    browser.findElement(By.cssSelector("#audit-paging a[rel=prev]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("audit-paging"), "page 1 of"));
    assertThat(seqs().get(0)).isGreaterThanOrEqualTo(newestOfFirst);
    assertNothingBlockedByTheContentSecurityPolicy();
  }

  @Test
  void aTokenRevokedWhileSignedInSignsOutAndSaysWhy() throws Exception {
    signIn(served.token(MARKETING), "marketing");
    String id = served.tokens().list("marketing").get(0).id();
    served.tokens().revoke(id);

    browser.findElement(By.cssSelector("nav a[href='#/requests']")).click();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertThat(error.getText())
        .contains("Signed out", "token " + id + " was revoked", "bin/lakemesh token create");
    assertThat(browser.findElements(By.id("principal"))).isEmpty();
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    shot("13-signed-out-revoked-token");
    assertNothingBlockedByTheContentSecurityPolicy();
  }

  private List<String> actors() {
    return browser.findElements(By.cssSelector("#audit-table td.actor")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private List<Long> seqs() {
    return browser.findElements(By.cssSelector("#audit-table tr.event")).stream()
        .map(r -> Long.parseLong(r.getAttribute("data-seq")))
        .toList();
  }

  private void assertNoHorizontalScroll() {
    ui.assertNoHorizontalScroll();
  }

  private void assertNothingBlockedByTheContentSecurityPolicy() {
    ui.assertNothingBlockedByTheContentSecurityPolicy();
  }

  private void signIn(String token, String principal) {
    ui.signIn(token, principal);
  }

  /** Signs in as another principal and opens the orders page at its "How to query this". */
  private WebElement connectSummaryOfOrdersAs(Principal who) {
    signOut();
    signIn(served.token(who), who.toString());
    browser.get(served.server().uri() + "/#/product/sales/sales/orders");
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connect-summary")));
  }

  private void signOut() {
    ui.signOut();
  }

  private void shot(String name) throws Exception {
    ui.shot(name);
  }
}
