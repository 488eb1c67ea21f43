package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read the catalog's records ({@code catalog list|show|versions}, {@code quality
 * history}, {@code runs}) give the same output and exit codes on the embedded catalog and through
 * the catalog server, for a principal that may see every record (the governance account, and the
 * producer of every product here). Through the server, the local catalog named in the config is an
 * empty one: every answer must come from the server.
 */
class CatalogCommandsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Instant T0 = Instant.parse("2026-11-01T06:00:00Z");
  private static final String EMAIL_EXAMPLE = "'alice.example.com'";

  /** Command and its exit code. */
  private static final String[][] COMMANDS = {
    {"catalog list", "0"},
    {"catalog list --json", "0"},
    {"catalog show sales.orders", "0"},
    {"catalog show sales.orders --json", "0"},
    {"catalog show sales.nothing", "2"},
    {"quality history sales.orders", "0"},
    {"quality history sales.orders --json --limit 1", "0"},
    {"quality history sales.nothing", "2"},
    {"catalog versions sales.orders", "0"},
    {"catalog versions sales.orders --json", "0"},
    {"catalog versions sales.nothing", "2"},
    {"runs", "0"},
    {"runs --product sales.orders --json", "0"},
    {"runs --limit 1", "0"},
  };

  @TempDir Path dir;

  @Test
  void catalogReadsGiveTheSameOutputAndExitCodesEmbeddedAndThroughTheServer() {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    String emptyLocal = "jdbc:sqlite:" + dir.resolve("local.db");
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance = seeded(catalog, catalogUri);
      AtomicInteger served = new AtomicInteger();
      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults()
                  .port(0)
                  .requestLog(line -> served.incrementAndGet()))) {
        AccessTokens tokens = new AccessTokens(catalog, governance);
        Path embedded = CliRun.config(dir, catalogUri, null, null);
        List<String> problems = new ArrayList<>();
        for (String who : List.of("governance", "sales")) {
          String token = tokens.issue(Principal.parse(who), Duration.ofHours(1), "test").text();
          Path remote = CliRun.config(dir, emptyLocal, server.uri().toString(), token);
          for (String[] command : COMMANDS) {
            CliRun local = run(command[0], embedded);
            CliRun viaServer = run(command[0], remote);
            if (local.code() != Integer.parseInt(command[1])) {
              problems.add(command[0] + " embedded: exit " + local.code() + ": " + local.all());
            }
            if (viaServer.code() != local.code() || !viaServer.out().equals(local.out())) {
              problems.add(
                  command[0]
                      + " as "
                      + who
                      + ": exit "
                      + viaServer.code()
                      + " (embedded "
                      + local.code()
                      + ")\n--- through the server:\n"
                      + viaServer.all()
                      + "--- embedded:\n"
                      + local.all());
            }
          }
        }
        System.out.printf(
            "catalog reads: %d commands x 2 principals, %d requests served%n",
            COMMANDS.length, served.get());
        assertThat(problems).isEmpty();
        assertThat(served.get()).isGreaterThanOrEqualTo(2 * (COMMANDS.length + 3));
        assertThat(run("runs", embedded).out()).contains("run-1", "run-2", "run-3", "REJECTED");
        assertThat(run("runs sales.orders", embedded).out())
            .isEqualTo(run("runs --product sales.orders", embedded).out())
            .contains("run-1", "run-2")
            .doesNotContain("run-3");
        assertThat(run("runs sales.returns", embedded).out())
            .contains("run-3")
            .doesNotContain("run-1", "run-2");
        CliRun two = run("runs sales.orders --product sales.returns", embedded);
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("runs names two products");
        assertThat(run("catalog show sales.orders", embedded).out())
            .contains("lineage: lakemesh://sales/sales.orders <- file:/data/sales/orders.csv");
      }
    }
  }

  @Test
  void showSaysTheQualityOfThePublishedDataAndTheRejectedLastAttemptApart() {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      seeded(catalog, catalogUri);
      Path embedded = CliRun.config(dir, catalogUri, null, null);

      CliRun show = run("catalog show sales.orders", embedded);

      assertThat(show.code()).isZero();
      // run-1 was published; run-2 was rejected by its gate and consumers still read run-1's data.
      assertThat(show.out())
          .contains(
              "  quality: PASSED (published run run-1, snapshot 11, checked 2026-11-01T06:00:00Z)\n")
          .contains(
              "  last attempt 2026-11-02T06:00:00Z: rejected, not published, consumers unaffected"
                  + " (order_id_complete failed: Value: 0.98 does not meet the constraint requirement!;"
                  + " pattern(customer_email) failed: customer_email: 1 of 1234 rows do not match '.+@.+')\n")
          .doesNotContain("FAILED (run run-2")
          .doesNotContain(EMAIL_EXAMPLE);
      assertThat(run("quality history sales.orders", embedded).out())
          .contains("run run-2  snapshot 12  FAILED  (rejected, not published)\n")
          .contains("run run-1  snapshot 11  PASSED  (published: what consumers read)\n");
      String json = run("catalog show sales.orders --json", embedded).out();
      assertThat(json)
          .contains(
              "\"status\" : \"PASSED\"",
              "\"lastAttemptNote\" : \"last attempt 2026-11-02T06:00:00Z: rejected");
    }
  }

  @Test
  void aConsumerSeesThroughTheServerOnlyWhatItMayDescribe() {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance = seeded(catalog, catalogUri);
      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}))) {
        String token =
            new AccessTokens(catalog, governance)
                .issue(Principal.parse("marketing"), Duration.ofHours(1), "test")
                .text();
        Path remote =
            CliRun.config(
                dir, "jdbc:sqlite:" + dir.resolve("local.db"), server.uri().toString(), token);

        assertThat(run("catalog list", remote).out()).doesNotContain("sales:sales.orders");
        assertThat(run("runs", remote).out()).doesNotContain("run-1");
        CliRun show = run("catalog show sales.orders", remote);
        assertThat(show.code()).isEqualTo(4);
        assertThat(show.err())
            .contains("access denied: marketing may not DESCRIBE table sales:sales.orders");
        assertThat(run("quality history sales.orders", remote).code()).isEqualTo(4);
      }
    }
  }

  /** What {@code --as} shows, embedded, is what the server shows that principal's token. */
  private static final String[] CONSUMER_READS = {
    "catalog list --as marketing",
    "catalog show sales.orders --as marketing",
    "catalog show sales.orders --as marketing --json",
    "quality history sales.orders --as marketing --json",
    "runs --as marketing --json",
    "lineage sales.orders --as marketing --json",
  };

  @Test
  void asAConsumerTheEmbeddedCatalogShowsWhatTheServerShowsItsToken() {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance = seeded(catalog, catalogUri);
      governance.grant(
          Principal.parse("sales"),
          Principal.parse("marketing"),
          Resource.columns(ORDERS, List.of("order_id", "amount")),
          Set.of(Permission.SELECT));
      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}))) {
        String token =
            new AccessTokens(catalog, governance)
                .issue(Principal.parse("marketing"), Duration.ofHours(1), "test")
                .text();
        Path remote =
            CliRun.config(
                dir, "jdbc:sqlite:" + dir.resolve("local.db"), server.uri().toString(), token);
        Path embedded = CliRun.config(dir, catalogUri, null, null);
        StringBuilder all = new StringBuilder();
        for (String command : CONSUMER_READS) {
          CliRun local = run(command, embedded);
          CliRun viaServer = run(command, remote);
          assertThat(local.code()).as(command + ": " + local.all()).isZero();
          assertThat(viaServer.out()).as(command).isEqualTo(local.out());
          all.append(local.out());
        }
        assertThat(all.toString()).doesNotContain(EMAIL_EXAMPLE, "customer_email", "orders.csv");
        assertThat(run("catalog show sales.orders --as marketing", embedded).out())
            .contains(
                "order_id",
                "amount",
                "quality: PASSED (published run run-1",
                "rejected, not published, consumers unaffected (order_id_complete failed: Value: 0.98"
                    + " does not meet the constraint requirement!; hidden rule failed: on a column you may not see)");
        assertThat(run("lineage sales.orders --as marketing", embedded).out())
            .contains("hidden dataset -> lakemesh://sales/sales.orders");
        // The operator of the home, without --as, and the producer see the example.
        assertThat(run("quality history sales.orders", embedded).out()).contains(EMAIL_EXAMPLE);
        assertThat(run("quality history sales.orders --as sales", embedded).out())
            .contains(EMAIL_EXAMPLE);
        CliRun other = run("runs --as sales", remote);
        assertThat(other.code()).isEqualTo(4);
        assertThat(other.err()).contains("marketing cannot act as sales");
      }
    }
  }

  /** The rules over the catalog, which holds {@link #seed}'s records. */
  private Governance seeded(GovernanceCatalog catalog, String catalogUri) {
    Governance governance =
        Governance.over(
            LakemeshConfig.load(CliRun.config(dir, catalogUri, null, null), dir)
                .mesh(Topology.CENTRAL),
            catalog);
    seed(governance);
    return governance;
  }

  private CliRun run(String command, Path config) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--config", config.toString(), "--home", dir.toString()));
    return CliRun.of(args.toArray(String[]::new));
  }

  /**
   * sales.orders published once, then a run rejected by its gate, and a run of another product
   * under way.
   */
  private static void seed(Governance governance) {
    Principal sales = Principal.administrator("sales");
    List<Column> columns =
        List.of(
            new Column("order_id", "bigint", false, "the order", false),
            new Column("customer_email", "string", true, "who ordered", true),
            new Column("amount", "decimal(12,2)", true, "", false));
    Map<String, String> parameters =
        Map.of(
            TableParameters.PRODUCT, "sales.orders",
            TableParameters.OWNER_TEAM, "sales-data",
            TableParameters.SNAPSHOT_ID, "11",
            TableParameters.ROW_COUNT, "1234",
            TableParameters.QUALITY_STATUS, "PASSED");
    CatalogTable table =
        new CatalogTable(
            ORDERS,
            columns,
            "file:/w/sales/orders",
            "iceberg",
            List.of("day(ordered_at)"),
            parameters,
            0,
            T0);
    governance.publish(
        sales,
        new Publication(
            table,
            quality("run-1", 0, true),
            new LineageEvent(
                "run-1",
                "sales.orders",
                T0,
                List.of("file:/data/sales/orders.csv"),
                List.of(LineageEvent.dataset(ORDERS)),
                "{\"eventType\":\"COMPLETE\"}"),
            run("run-1", "sales.orders", ORDERS, JobRun.Status.PUBLISHED, 0)));
    governance.recordQualityRun(sales, quality("run-2", 1, false));
    governance.recordJobRun(sales, run("run-2", "sales.orders", ORDERS, JobRun.Status.REJECTED, 1));
    governance.recordJobRun(sales, run("run-3", "sales.returns", null, JobRun.Status.RUNNING, 2));
  }

  private static QualityRun quality(String runId, int day, boolean passed) {
    ConstraintResult.Status status =
        passed ? ConstraintResult.Status.SUCCESS : ConstraintResult.Status.FAILURE;
    List<ConstraintResult> constraints =
        List.of(
            new ConstraintResult(
                "order_id_complete",
                "isComplete(order_id)",
                ConstraintResult.Severity.ERROR,
                status,
                passed ? "" : "Value: 0.98 does not meet the constraint requirement!"),
            new ConstraintResult(
                "pattern(customer_email)",
                "customer_email matches '.+@.+'",
                ConstraintResult.Severity.ERROR,
                status,
                passed ? "" : "customer_email: 1 of 1234 rows do not match '.+@.+'",
                passed ? null : EMAIL_EXAMPLE));
    return new QualityRun(
        runId,
        ORDERS,
        11L + day,
        T0.plus(Duration.ofDays(day)),
        QualityRun.outcomeOf(constraints),
        List.of(new Metric("Column", "order_id", "Completeness", passed ? 1.0 : 0.98)),
        constraints);
  }

  private static JobRun run(
      String runId, String product, TableId table, JobRun.Status status, int day) {
    Instant started = T0.plus(Duration.ofDays(day));
    boolean ended = status != JobRun.Status.RUNNING;
    return new JobRun(
        runId,
        product,
        table,
        status,
        started,
        ended ? started.plusSeconds(90) : null,
        ended ? 11L + day : null,
        ended ? status.name().toLowerCase() : null,
        ended ? "{\"status\":\"" + status + "\"}" : null);
  }
}
