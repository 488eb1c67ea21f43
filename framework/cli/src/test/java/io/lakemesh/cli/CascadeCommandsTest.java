package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.Governance;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants and links from the command line. A consumer's re-grant ends with the producer's grant it
 * was made on: after {@code revoke}, the analyst marketing re-granted to is refused by {@code
 * query} with exit 4, and the audit log shows the cascade. A consumer granted directly (no request)
 * creates its own link.
 */
class CascadeCommandsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal SALES = Principal.administrator("sales");
  private static final Principal MARKETING = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");
  private static final String QUERY = "SELECT * FROM sales_link.orders";

  @TempDir Path dir;

  @Test
  void theAnalystIsRefusedOnItsNextQueryOnceTheProducerRevokesMarketing() {
    Set<Permission> select = Set.of(Permission.SELECT);
    Path config =
        published(
            g -> {
              g.grant(SALES, MARKETING, Resource.table(ORDERS), select, select);
              g.createLink(MARKETING, ResourceLink.defaultTableLink("marketing", ORDERS));
              g.grant(MARKETING, ANALYST, Resource.table(ORDERS), select);
            });

    CliRun allowed = cli("query", QUERY, "--as", "marketing:analyst", "--config", config);
    // The table has no data files here (exit 2, not found in the warehouse); what matters is that
    // access is not what stops it.
    assertThat(allowed.code()).isNotEqualTo(4);
    assertThat(allowed.all()).doesNotContain("access denied");

    assertThat(
            cli(
                    "revoke",
                    "--as",
                    "sales",
                    "--from",
                    "marketing",
                    "--table",
                    "sales.orders",
                    "--perm",
                    "SELECT",
                    "--config",
                    config)
                .code())
        .isZero();

    CliRun refused = cli("query", QUERY, "--as", "marketing:analyst", "--config", config);
    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.all())
        .contains("access denied: marketing:analyst may not SELECT table sales:sales.orders");
    CliRun audit =
        cli("audit", "--as", "governance", "--log", "governance", "--json", "--config", config);
    assertThat(audit.code()).isZero();
    assertThat(audit.all()).contains("marketing:analyst none; cascade of grant:");
  }

  @Test
  void aConsumerGrantedDirectlyLinksTheTableItselfAndOnlyItsAdministratorMay() {
    Path config =
        published(
            g -> g.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));

    CliRun byAnalyst =
        cli(
            "links",
            "create",
            "--as",
            "marketing:analyst",
            "--table",
            "sales.orders",
            "--config",
            config);
    assertThat(byAnalyst.code()).isEqualTo(4);
    assertThat(byAnalyst.all())
        .contains("only the administrator of account marketing changes its catalog");

    CliRun created =
        cli("links", "create", "--as", "marketing", "--table", "sales.orders", "--config", config);
    assertThat(created.code()).isZero();
    assertThat(created.out())
        .contains("created table link marketing:sales_link.orders -> sales:sales.orders");
    assertThat(cli("links", "--as", "marketing", "--config", config).out())
        .contains("marketing:sales_link.orders");
    // As after an approval, which makes the link: the same link asked for again is there.
    CliRun again =
        cli("links", "create", "--as", "marketing", "--table", "sales.orders", "--config", config);
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out())
        .contains("marketing:sales_link.orders -> sales:sales.orders is there already");

    assertThat(
            cli(
                    "links",
                    "drop",
                    "--as",
                    "marketing",
                    "--name",
                    "sales_link.orders",
                    "--config",
                    config)
                .code())
        .isZero();
    assertThat(cli("links", "--as", "marketing", "--config", config).out())
        .doesNotContain("sales_link.orders");
    assertThat(cli("links", "--config", config).code()).isEqualTo(2);
  }

  /** A catalog in the temp folder with sales.orders published, then {@code then}; its config. */
  private Path published(Consumer<Governance> then) {
    return PublishedOrders.catalogIn(dir, then);
  }

  private CliRun cli(Object... args) {
    return CliRun.inHome(dir, args);
  }
}
