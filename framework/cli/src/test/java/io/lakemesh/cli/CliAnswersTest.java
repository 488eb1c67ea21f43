package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/**
 * Answers of the CLI that used to mislead: an empty answer for a wrong name or a misspelt status, a
 * parser's exception for a time, "unreachable: null" for a server that is not there. Each must exit
 * 2 (or 1 for the server) and say what to do instead.
 */
class CliAnswersTest {
  @TempDir Path dir;

  private Path config;

  @BeforeEach
  void publishOrdersTwice() {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    config = CliRun.config(dir, uri, null, null);
    LakemeshConfig c = LakemeshConfig.load(config, dir);
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", c.catalogProperties())) {
      Governance governance = Governance.over(c.mesh(Topology.CENTRAL), catalog);
      GovernanceCommandsTest.publishOrders(governance);
      CatalogTable first = catalog.loadTable(PublishedOrders.ORDERS);
      List<Column> more = new ArrayList<>(first.columns());
      more.add(new Column("channel", "string", true, "", false));
      Map<String, String> snapshot2 = new HashMap<>(first.parameters());
      snapshot2.put(TableParameters.SNAPSHOT_ID, "2");
      CatalogTable second =
          new CatalogTable(
              first.id(),
              more,
              first.location(),
              first.format(),
              first.partitioning(),
              snapshot2,
              0,
              Instant.now());
      governance.publish(
          Principal.administrator("sales"), new Publication(second, null, null, null));
    }
  }

  private CliRun cli(String command) {
    return cli(config, command);
  }

  private CliRun cli(Path config, String command) {
    return CliRun.in(dir, config, command);
  }

  @Test
  void qualityHistoryOfAnUnknownTableExitsTwoNamingItAndTheTableMeantIfAnyIsClose() {
    usageError("quality history sales.order")
        .contains("error: no table sales.order in the catalog; did you mean sales.orders?");

    usageError("quality history nope.nope")
        .contains(
            "error: no table nope.nope in the catalog; 'lakemesh catalog list' shows the tables there are");
  }

  @Test
  void aTableGivenToAGroupOfCommandsExitsTwoNamingItsCommandsAndTheLineMeant() {
    usageError("quality sales.orders")
        .contains(
            "error: lakemesh quality takes one of its commands first (history), not 'sales.orders'",
            "try: lakemesh quality history sales.orders");

    usageError("catalog sales.orders")
        .contains("error: lakemesh catalog takes one of its commands first (", "list", "show")
        .contains("not 'sales.orders'", "try: lakemesh catalog --help");
  }

  @Test
  void aWordGivenToACommandThatRunsByItselfExitsTwoWithoutMakingUpACommandLine() {
    usageError("audit list")
        .contains(
            "error: lakemesh audit does not take 'list': run it with its options alone, or with"
                + " one of its commands (verify)",
            "try: lakemesh audit --help")
        .doesNotContain("audit verify list");
  }

  @Test
  void searchWithAMisspeltQualityStatusExitsTwoListingTheStatusesThereAre() {
    usageError("search --quality FAILD")
        .contains(
            "error: unknown quality status 'FAILD': use one of [PASSED, PASSED_WITH_WARNINGS, FAILED]");

    CliRun lowerCase = cli("search --quality passed");
    assertThat(lowerCase.code()).as(lowerCase.all()).isZero();
    assertThat(lowerCase.out()).contains("sales.orders", "1 product(s)");
  }

  @Test
  void auditSinceTakesDatesInstantsAndAgesAndNamesThemForAnythingElse() {
    usageError("audit --since yesterday")
        .contains(
            "'yesterday' is not a time: use an ISO-8601 instant (2026-12-01T09:00:00Z), a date"
                + " (2026-12-01, from its start in UTC) or an age back from now (30m, 24h, 7d)")
        .doesNotContain("DateTimeParseException");

    CliRun lastWeek = cli("audit --since 7d");
    assertThat(lastWeek.code()).as(lastWeek.all()).isZero();
    assertThat(lastWeek.out()).contains("PUBLISH");

    CliRun future = cli("audit --since 2999-01-01");
    assertThat(future.code()).as(future.all()).isZero();
    assertThat(future.out()).doesNotContain("PUBLISH");
  }

  @Test
  void pointsInTimeAreReadAsWritten() {
    PointInTime at =
        new PointInTime(Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC));
    assertThat(at.convert("24h")).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
    assertThat(at.convert("7d")).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    assertThat(at.convert("30m")).isEqualTo(Instant.parse("2026-12-06T11:30:00Z"));
    assertThat(at.convert("2026-12-01")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(at.convert("2026-12-01T09:15:00Z")).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
    assertThatThrownBy(() -> at.convert("7 days")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void anUnreachableServerIsNamedWithWhyAndWhatToCheck() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    Path remote =
        CliRun.config(
            dir, "jdbc:sqlite:" + dir.resolve("catalog.db"), "http://127.0.0.1:" + port, "secret");
    CliRun down = cli(remote, "catalog list");
    assertThat(down.code()).as(down.all()).isEqualTo(1);
    assertThat(down.err())
        .contains(
            "catalog server http://127.0.0.1:"
                + port
                + " unreachable: connection refused at 127.0.0.1:"
                + port
                + "; check that 'lakemesh serve' runs there and that lakemesh.catalog.url names its port")
        .doesNotContain("null");
  }

  @Test
  void aServerHostThatDoesNotResolveIsNamed() {
    Path remote =
        CliRun.config(
            dir,
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            "https://no-such-host.invalid:8443",
            "secret");
    CliRun nowhere = cli(remote, "catalog list");
    assertThat(nowhere.code()).as(nowhere.all()).isEqualTo(1);
    assertThat(nowhere.err())
        .contains(
            "catalog server https://no-such-host.invalid:8443 unreachable: the host name"
                + " 'no-such-host.invalid' does not resolve; check the host of lakemesh.catalog.url");
  }

  @Test
  void catalogVersionsListsEachPublishAndAReaderSeesOnlyItsColumns() {
    CliRun all = cli("catalog versions sales.orders");
    assertThat(all.code()).as(all.all()).isZero();
    assertThat(all.out().lines().toList()).hasSize(3).first().asString().startsWith("VERSION");
    assertThat(all.out())
        .containsPattern("(?m)^1 +\\S+ +1 +PASSED +\\[order_id, customer_id, amount\\]$")
        .containsPattern("(?m)^2 +\\S+ +2 +PASSED +\\[order_id, customer_id, amount, channel\\]$");

    assertThat(
            cli("grant --as sales --to marketing --table sales.orders --columns order_id,channel --perm SELECT")
                .code())
        .isZero();
    CliRun reader = cli("catalog versions sales.orders --as marketing --json");
    assertThat(reader.code()).as(reader.all()).isZero();
    assertThat(reader.out())
        .contains("\"order_id\"")
        .contains("\"channel\"")
        .doesNotContain("customer_id")
        .doesNotContain("\"amount\"");

    usageError("catalog versions sales.ordres").contains("did you mean sales.orders?");
  }

  @Test
  void linksDropTakesTheLinkNameAndTheLinkIsGone() {
    assertThat(cli("grant --as sales --to marketing --table sales.orders --perm SELECT").code())
        .isZero();
    CliRun created = cli("links create --as marketing --table sales.orders");
    assertThat(created.code()).as(created.all()).isZero();
    assertThat(cli("links --as marketing").out()).contains("marketing:sales_link.orders");

    usageError("links drop --as marketing").contains("name the link once, as D.T or --name D.T");

    CliRun dropped = cli("links drop sales_link.orders --as marketing");
    assertThat(dropped.code()).as(dropped.all()).isZero();
    assertThat(dropped.out()).contains("dropped table link marketing:sales_link.orders");
    assertThat(cli("links --as marketing").out()).doesNotContain("sales_link.orders");
  }

  /** Runs {@code command}, which must exit 2 (a usage error), and gives its stderr to assert on. */
  private AbstractStringAssert<?> usageError(String command) {
    CliRun run = cli(command);
    assertThat(run.code()).as(run.all()).isEqualTo(2);
    return assertThat(run.err());
  }
}
