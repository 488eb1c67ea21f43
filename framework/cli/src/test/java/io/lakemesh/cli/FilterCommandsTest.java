package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Json;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data filters from the command line, on a published table of hand-made rows: the producer creates,
 * lists and drops them, grants and approves through them, and a consumer's {@code query} returns
 * the cells its filter selects; embedded and through the catalog server (each principal with its
 * own token), with the same answers.
 */
class FilterCommandsTest {
  enum Mode {
    EMBEDDED,
    SERVER
  }

  private static final String US_ONLY = "country = 'US'";

  @TempDir Path dir;
  private String catalogUri;
  private GovernanceCatalog catalog;
  private Governance governance;
  private CatalogServer server;
  private final Map<String, Path> configs = new HashMap<>();

  @BeforeEach
  void publishedOrdersOfFiveCustomers() {
    catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    LakemeshConfig lakemesh = LakemeshConfig.load(CliRun.config(dir, catalogUri, null, null), dir);
    catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri));
    governance = Governance.over(lakemesh.mesh(Topology.CENTRAL), catalog);
    governance.publish(
        Principal.administrator("sales"),
        PublishedOrders.inWarehouse(
            lakemesh,
            "(1, 'c1', 'US', 10.0), (2, 'c2', 'FR', 20.0), (3, 'c3', 'US', 30.0),"
                + " (4, 'c4', 'DE', 40.0)"));
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    catalog.close();
  }

  private void serve(Mode mode) {
    if (mode == Mode.SERVER) {
      server = CatalogServer.start(governance, catalog, CatalogServerOptions.defaults().port(0));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theConsumerOfAFilterReadsTheUsRowsWithoutTheCustomerUntilTheProducerDropsIt(Mode mode)
      throws Exception {
    serve(mode);
    CliRun created =
        cli(
            "filter",
            "create",
            "sales.orders",
            "us_only",
            "--where",
            US_ONLY,
            "--exclude-columns",
            "customer_id");
    assertThat(created.code()).isZero();
    assertThat(created.out()).contains("created data filter us_only on sales:sales.orders");

    assertThat(cli("filter", "list", "sales.orders").out())
        .contains("us_only")
        .contains("all columns but customer_id")
        .contains("where country = 'US'");
    JsonNode listed = Json.MAPPER.readTree(cli("filter", "list", "sales.orders", "--json").out());
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.get(0).path("name").asText()).isEqualTo("us_only");
    assertThat(listed.get(0).path("rowFilter").asText()).isEqualTo(US_ONLY);

    CliRun granted = grantToMarketing("us_only");
    assertThat(granted.code()).isZero();
    assertThat(granted.out()).contains("data filter us_only");
    assertThat(cli("links", "create", "--as", "marketing", "--table", "sales.orders").code())
        .isZero();
    assertThat(cli("filter", "list", "--as", "marketing").out()).contains("us_only");

    CliRun read =
        cli(
            "query",
            "SELECT * FROM sales_link.orders ORDER BY order_id",
            "--as",
            "marketing",
            "--json");
    assertThat(read.code()).isZero();
    assertThat(Json.MAPPER.readTree(read.out()))
        .isEqualTo(
            Json.MAPPER.readTree(
                "[{\"order_id\": 1, \"country\": \"US\", \"amount\": 10.0},"
                    + " {\"order_id\": 3, \"country\": \"US\", \"amount\": 30.0}]"));

    CliRun dropped = cli("filter", "drop", "sales.orders", "us_only", "--json");
    assertThat(dropped.code()).isZero();
    assertThat(Json.MAPPER.readTree(dropped.out()).path("dropped").asText()).isEqualTo("us_only");
    assertThat(cli("filter", "list", "sales.orders", "--json").out().strip()).isEqualTo("[ ]");
    CliRun refused = cli("query", "SELECT * FROM sales_link.orders", "--as", "marketing");
    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.all()).contains("marketing may not SELECT table sales:sales.orders");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRequestForAFilterAndAnApprovalThroughOneGrantItsCells(Mode mode) throws Exception {
    serve(mode);
    assertThat(cli("filter", "create", "sales.orders", "us_only", "--where", US_ONLY).code())
        .isZero();

    long asked =
        requestId(
            "request-access",
            "--as",
            "marketing",
            "--table",
            "sales.orders",
            "--filter",
            "us_only",
            "--perm",
            "SELECT",
            "--json");
    CliRun approved = cli("approve", String.valueOf(asked), "--as", "sales");
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).contains("ACTIVE").contains("data filter us_only");

    long whole =
        requestId(
            "request-access",
            "--as",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--json");
    CliRun unknown = cli("approve", String.valueOf(whole), "--as", "sales", "--filter", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.all()).contains("nope");
    CliRun narrowed =
        cli("approve", String.valueOf(whole), "--as", "sales", "--filter", "us_only", "--json");
    assertThat(narrowed.code()).isZero();
    JsonNode request = Json.MAPPER.readTree(narrowed.out());
    assertThat(request.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(request.toString()).contains("us_only");

    CliRun read =
        cli("query", "SELECT count(*) AS n FROM sales_link.orders", "--as", "finance", "--json");
    assertThat(read.code()).isZero();
    assertThat(Json.MAPPER.readTree(read.out()).get(0).path("n").asLong()).isEqualTo(2);

    CliRun revoked =
        cli(
            "revoke",
            "--as",
            "sales",
            "--from",
            "finance",
            "--table",
            "sales.orders",
            "--filter",
            "us_only",
            "--perm",
            "SELECT");
    assertThat(revoked.code()).as(revoked.all()).isZero();
    assertThat(cli("query", "SELECT count(*) FROM sales_link.orders", "--as", "finance").code())
        .isEqualTo(4);
  }

  @Test
  void badFiltersAndUnknownNamesAreRefusedWithWhatToFix() {
    CliRun badPredicate =
        cli("filter", "create", "sales.orders", "emea", "--where", "region = 'EMEA'");
    assertThat(badPredicate.code()).isEqualTo(2);
    assertThat(badPredicate.all()).contains("region");

    CliRun both =
        cli(
            "filter",
            "create",
            "sales.orders",
            "both",
            "--columns",
            "order_id",
            "--exclude-columns",
            "customer_id");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.all()).contains("--columns or --exclude-columns");

    CliRun byConsumer =
        cli("filter", "create", "sales.orders", "mine", "--where", US_ONLY, "--as", "marketing");
    assertThat(byConsumer.code()).isEqualTo(4);

    CliRun unknownGrant = grantToMarketing("nope");
    assertThat(unknownGrant.code()).isEqualTo(2);
    assertThat(unknownGrant.all()).contains("nope");

    CliRun filterWithoutTable =
        cli(
            "grant",
            "--as",
            "sales",
            "--to",
            "marketing",
            "--database",
            "sales",
            "--filter",
            "us_only",
            "--perm",
            "SELECT");
    assertThat(filterWithoutTable.code()).isEqualTo(2);
    assertThat(filterWithoutTable.all()).contains("--filter goes with --table");

    CliRun unknownDrop = cli("filter", "drop", "sales.orders", "nope");
    assertThat(unknownDrop.code()).isEqualTo(2);
    assertThat(unknownDrop.all()).contains("nope");

    // Stored (its names are columns), but Spark has no such function: the read names the filter.
    assertThat(
            cli("filter", "create", "sales.orders", "odd", "--where", "no_such_fn(country) = 'US'")
                .code())
        .isZero();
    assertThat(grantToMarketing("odd").code()).isZero();
    assertThat(cli("links", "create", "--as", "marketing", "--table", "sales.orders").code())
        .isZero();
    CliRun unreadable = cli("query", "SELECT * FROM sales_link.orders", "--as", "marketing");
    assertThat(unreadable.code()).isEqualTo(2);
    assertThat(unreadable.all())
        .contains("data filter odd on sales:sales.orders (of producer sales)")
        .contains("no_such_fn");

    assertThat(cli("filter", "list").code()).isEqualTo(2);
    assertThat(CliRun.of("filter", "create", "--help").out()).contains("--exclude-columns");
  }

  private CliRun grantToMarketing(String filter) {
    return cli(
        "grant",
        "--as",
        "sales",
        "--to",
        "marketing",
        "--table",
        "sales.orders",
        "--filter",
        filter,
        "--perm",
        "SELECT");
  }

  private long requestId(String... args) throws Exception {
    CliRun asked = cli((Object[]) args);
    assertThat(asked.code()).as(asked.all()).isZero();
    return Json.MAPPER.readTree(asked.out()).path("id").asLong();
  }

  /** The CLI as the principal after --as (else the producer sales), with its own config. */
  private CliRun cli(Object... args) {
    List<String> all = new ArrayList<>();
    for (Object a : args) {
      all.add(a.toString());
    }
    int as = all.indexOf("--as");
    String who = as >= 0 ? all.get(as + 1) : "sales";
    all.addAll(List.of("--config", config(who).toString(), "--home", dir.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private Path config(String who) {
    return configs.computeIfAbsent(
        who,
        p ->
            server == null
                ? CliRun.config(dir, catalogUri, null, null)
                : CliRun.config(
                    dir,
                    catalogUri,
                    server.uri().toString(),
                    new AccessTokens(catalog, governance)
                        .issue(Principal.parse(p), Duration.ofHours(1), "test")
                        .text()));
  }
}
