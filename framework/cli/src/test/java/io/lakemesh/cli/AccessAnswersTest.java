package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI answers a consumer about its access, and a producer revoking it: a request says why
 * it is asked, the requester ends its own subscription, and a query or a revoke that cannot be done
 * names the command that does it. sales.orders is published (metadata only: reads stop at the
 * access check, which is what these answers are about).
 */
class AccessAnswersTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal SALES = Principal.administrator("sales");
  private static final String ASK_MARKETING =
      "request access with: bin/lakemesh request-access --as marketing --table sales.orders"
          + " --perm SELECT";

  @TempDir Path dir;
  private Path config;
  private Governance governance;
  private GovernanceCatalog catalog;

  @BeforeEach
  void mesh() {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    config = CliRun.config(dir, uri, null, null);
    catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri));
    governance = Governance.over(LakemeshConfig.load(config, dir).mesh(Topology.CENTRAL), catalog);
    GovernanceCommandsTest.publishOrders(governance);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void theProducerSeesWhyTheConsumerAsks() throws Exception {
    CliRun asked =
        cli(
            "request-access",
            "--as",
            "marketing",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--reason",
            "Churn model: weekly order totals per customer.\nRefreshed on Mondays.");
    assertThat(asked.code()).as(asked.all()).isZero();
    assertThat(asked.out().strip()).isEqualTo("request 1 PENDING");

    CliRun listed = cli("requests", "--as", "sales");
    assertThat(listed.code()).as(listed.all()).isZero();
    assertThat(listed.out())
        .contains(
            "\n      justification: Churn model: weekly order totals per customer.\n"
                + "        Refreshed on Mondays.\n");
    JsonNode json = new ObjectMapper().readTree(cli("requests", "--as", "sales", "--json").out());
    assertThat(json.get(0).get("justification").asText())
        .isEqualTo("Churn model: weekly order totals per customer.\nRefreshed on Mondays.");

    CliRun tooLong =
        cli(
            "request-access",
            "--as",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--reason",
            "w".repeat(1200));
    assertThat(tooLong.code()).isEqualTo(2);
    assertThat(tooLong.err().strip())
        .isEqualTo(
            "error: a justification is at most 1000 characters, this one has 1200; say in a few"
                + " sentences why the access is needed");
    assertThat(governance.requests(SALES)).hasSize(1);
  }

  @Test
  void theRequesterEndsItsOwnSubscriptionAndNoOtherConsumerMay() throws Exception {
    long id =
        governance
            .requestAccess(
                Principal.administrator("marketing"),
                Resource.table(ORDERS),
                Set.of(Permission.SELECT))
            .id();
    governance.approve(SALES, id);

    CliRun byFinance = cli("unsubscribe", String.valueOf(id), "--as", "finance");
    assertThat(byFinance.code()).isEqualTo(4);
    assertThat(byFinance.err().strip())
        .isEqualTo(
            "error: access denied: finance may not REVOKE SUBSCRIPTION request "
                + id
                + " on table sales:sales.orders: only the owning producer sales or the requester"
                + " marketing ends a subscription");

    CliRun ended = cli("unsubscribe", String.valueOf(id), "--as", "marketing", "--json");
    assertThat(ended.code()).as(ended.all()).isZero();
    JsonNode request = new ObjectMapper().readTree(ended.out());
    assertThat(request.get("state").asText()).isEqualTo("REVOKED");
    assertThat(request.get("id").asLong()).isEqualTo(id);
    assertThat(governance.grants(SALES)).isEmpty();

    CliRun again = cli("unsubscribe", String.valueOf(id), "--as", "marketing");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("is REVOKED and cannot become REVOKED");
    CliRun help = cli("unsubscribe", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("The requester ends its own; the owning producer may end any on its data.");
  }

  @Test
  void aQueryBeforeAnyGrantIsRefusedWithTheRequestToMake() {
    CliRun byLink = cli("query", "--as", "marketing", "SELECT * FROM sales_link.orders");
    assertThat(byLink.code()).as(byLink.all()).isEqualTo(4);
    assertThat(byLink.err().strip())
        .isEqualTo(
            "error: access denied: marketing holds no SELECT on sales.orders, so its catalog has no"
                + " sales_link.orders yet; "
                + ASK_MARKETING);

    CliRun byProduct = cli("query", "--as", "marketing", "SELECT amount FROM sales.orders");
    assertThat(byProduct.code()).as(byProduct.all()).isEqualTo(4);
    assertThat(byProduct.err().strip())
        .isEqualTo(
            "error: access denied: marketing holds no SELECT on sales.orders; once sales approves,"
                + " marketing reads it as sales_link.orders; "
                + ASK_MARKETING);

    // A name that is no product stays "not found".
    CliRun nothing = cli("query", "--as", "marketing", "SELECT * FROM nowhere_link.nothing");
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.all()).doesNotContain("request-access");
  }

  @Test
  void throughTheCatalogServerTheQueryGetsTheSameAnswer() {
    try (CatalogServer server =
        CatalogServer.start(governance, catalog, CatalogServerOptions.defaults().port(0))) {
      String token =
          new AccessTokens(catalog, governance)
              .issue(Principal.administrator("marketing"), Duration.ofHours(1), "test")
              .text();
      Path remote =
          CliRun.config(
              dir, "jdbc:sqlite:" + dir.resolve("catalog.db"), server.uri().toString(), token);

      CliRun refused =
          CliRun.of(
              "query",
              "--as",
              "marketing",
              "SELECT * FROM sales_link.orders",
              "--config",
              remote.toString(),
              "--home",
              dir.toString());

      assertThat(refused.code()).as(refused.all()).isEqualTo(4);
      assertThat(refused.err().strip())
          .isEqualTo(
              "error: access denied: marketing holds no SELECT on sales.orders, so its catalog has"
                  + " no sales_link.orders yet; "
                  + ASK_MARKETING);
    }
  }

  @Test
  void aQueryAfterARevokeIsRefusedWithTheRequestToMakeAgain() {
    governance.approve(
        SALES,
        governance
            .requestAccess(
                Principal.administrator("marketing"),
                Resource.table(ORDERS),
                Set.of(Permission.SELECT))
            .id());
    CliRun revoked =
        cli(
            "revoke",
            "--as",
            "sales",
            "--from",
            "marketing",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT");
    assertThat(revoked.code()).as(revoked.all()).isZero();

    CliRun refused = cli("query", "--as", "marketing", "SELECT * FROM sales_link.orders");

    assertThat(refused.code()).as(refused.all()).isEqualTo(4);
    assertThat(refused.err().strip())
        .startsWith("error: access denied: marketing may not SELECT")
        .endsWith("; " + ASK_MARKETING);
  }

  @Test
  void aRevokeNamesItsGranteeWithToAsTheGrantDid() {
    governance.grant(
        SALES,
        Principal.administrator("finance"),
        Resource.table(ORDERS),
        Set.of(Permission.SELECT));

    CliRun revoked =
        cli("revoke --as sales --to finance --table sales.orders --perm SELECT".split(" "));

    assertThat(revoked.code()).as(revoked.all()).isZero();
    assertThat(governance.grants(SALES)).isEmpty();
  }

  @Test
  void aQueryByAGranteeWithoutALinkIsToldToCreateIt() {
    governance.grant(
        SALES,
        Principal.administrator("finance"),
        Resource.columns(ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));

    CliRun unlinked = cli("query", "--as", "finance", "SELECT order_id FROM sales_link.orders");

    assertThat(unlinked.code()).as(unlinked.all()).isEqualTo(2);
    assertThat(unlinked.err().strip())
        .endsWith(
            "; finance may read sales.orders: create its link with: bin/lakemesh links create --as"
                + " finance --table sales.orders");
  }

  @Test
  void revokingATableFromAColumnGranteeNamesTheGrantItHoldsAndTheCommandThatRevokesIt() {
    governance.grant(
        SALES,
        Principal.administrator("finance"),
        Resource.columns(ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));

    CliRun table =
        cli(
            "revoke",
            "--as",
            "sales",
            "--from",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT");

    assertThat(table.code()).isEqualTo(2);
    String fix =
        "bin/lakemesh revoke --as sales --from finance --table sales.orders --columns"
            + " amount,order_id --perm SELECT";
    assertThat(table.err().strip())
        .isEqualTo(
            "error: finance holds no grant on table sales:sales.orders, so there is nothing to"
                + " revoke; finance holds SELECT on table sales:sales.orders (columns amount,"
                + " order_id): revoke it with "
                + fix);
    assertThat(governance.grants(SALES)).hasSize(1);

    CliRun suggested = cli(fix.substring("bin/lakemesh ".length()).split(" "));
    assertThat(suggested.code()).as(suggested.all()).isZero();
    assertThat(governance.grants(SALES)).isEmpty();
  }

  private CliRun cli(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--config", config.toString(), "--home", dir.toString()));
    return CliRun.of(full.toArray(String[]::new));
  }
}
