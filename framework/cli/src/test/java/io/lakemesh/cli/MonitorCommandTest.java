package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} records a product past its freshness SLA once and its recovery once, embedded and
 * through the catalog server; {@code search --stale} and {@code catalog show} show the breach.
 */
class MonitorCommandTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aBreachIsRecordedOnceShownInSearchAndShowAndRecoveredAfterARun() throws Exception {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("server.db");
    Path embedded = CliRun.config(dir, catalogUri, null, null);
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance governance =
          Governance.over(LakemeshConfig.load(embedded, dir).mesh(Topology.CENTRAL), catalog);
      // Last checked three days ago against an SLA of 24h.
      Instant checked = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
      Principal sales = Principal.administrator("sales");
      governance.publish(
          sales, new Publication(SearchFreshnessTest.orders(checked), null, null, null));
      governance.recordJobRun(sales, run("run-1", JobRun.Status.PUBLISHED, checked));

      CliRun first = CliRun.in(dir, embedded, "monitor");
      CliRun second = CliRun.in(dir, embedded, "monitor");

      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out())
          .contains(
              "BREACHED  sales:sales.orders: SLA 24h, last checked " + checked + ", overdue by PT")
          .contains(
              "1 product(s) with a freshness SLA watched, 1 in breach; recorded 1 breach(es), 0"
                  + " recovery(ies)");
      assertThat(second.out())
          .doesNotContain("BREACHED  ")
          .contains(
              "1 product(s) with a freshness SLA watched, 1 in breach; recorded 0 breach(es), 0"
                  + " recovery(ies)");
      CliRun stale = CliRun.in(dir, embedded, "search --stale --as marketing");
      assertThat(stale.out())
          .contains("orders")
          .contains("1 product(s)")
          .contains("SLA breached since ");
      assertThat(CliRun.in(dir, embedded, "catalog show sales.orders").out())
          .contains("SLA 24h: BREACHED since ")
          .contains("(last checked " + Timestamps.of(checked) + ")");
      CliRun refused = CliRun.in(dir, embedded, "monitor --as marketing");
      assertThat(refused.code()).isEqualTo(4);
      assertThat(refused.err()).contains("marketing may not MONITOR freshness SLAs");

      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}))) {
        AccessTokens tokens = new AccessTokens(catalog, governance);
        String local = "jdbc:sqlite:" + dir.resolve("local.db");
        Path asGovernance =
            CliRun.config(dir, local, server.uri().toString(), token(tokens, "governance"));
        Path asMarketing =
            CliRun.config(dir, local, server.uri().toString(), token(tokens, "marketing"));

        CliRun remote = CliRun.in(dir, asGovernance, "monitor --json");
        assertThat(remote.code()).as(remote.all()).isZero();
        JsonNode pass = JSON.readTree(remote.out());
        assertThat(pass.get("watched").asInt()).isEqualTo(1);
        assertThat(pass.get("inBreach").asInt()).isEqualTo(1);
        assertThat(pass.get("changes")).isEmpty();
        CliRun staleRemote = CliRun.in(dir, asMarketing, "search --stale --as marketing --json");
        assertThat(staleRemote.code()).as(staleRemote.all()).isZero();
        JsonNode listed = JSON.readTree(staleRemote.out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("freshness").get("breachedSince").isTextual()).isTrue();

        governance.recordJobRun(sales, run("run-2", JobRun.Status.UNCHANGED, Instant.now()));
        CliRun recovered = CliRun.in(dir, asGovernance, "monitor");
        assertThat(recovered.out())
            .contains("RECOVERED sales:sales.orders: SLA 24h")
            .contains("0 in breach; recorded 0 breach(es), 1 recovery(ies)");
        assertThat(CliRun.in(dir, asMarketing, "search --stale --as marketing").out())
            .contains("0 product(s)");
        assertThat(CliRun.in(dir, embedded, "catalog show sales.orders").out())
            .contains("SLA 24h: fresh (last checked ");
      }
    }
  }

  @Test
  void serveRefusesAnIntervalItCannotReadAndAWatchPassThatFailsIsLoggedNotThrown() {
    Path config = CliRun.config(dir, "jdbc:sqlite:" + dir.resolve("serve.db"), null, null);
    CliRun bad = CliRun.in(dir, config, "serve --port 0 --monitor-every soon");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains("--monitor-every 'soon' is not an interval: write it as 30s, 1m or 1h, or off");
    assertThat(FreshnessWatch.interval("off")).isZero();
    assertThat(FreshnessWatch.interval("90s")).isEqualTo(Duration.ofSeconds(90));

    // A pass over a catalog that is gone fails; the watch logs it and goes on.
    GovernanceCatalog closed =
        CatalogLoader.load("jdbc", "test", Map.of("uri", "jdbc:sqlite:" + dir.resolve("gone.db")));
    Governance governance =
        Governance.over(LakemeshConfig.load(config, dir).mesh(Topology.CENTRAL), closed);
    closed.close();
    List<String> logged = new ArrayList<>();
    FreshnessWatch.pass(governance, logged::add);
    assertThat(logged)
        .singleElement()
        .asString()
        .startsWith("lakemesh serve: the freshness check failed, the next one runs on time: ");
  }

  private static String token(AccessTokens tokens, String principal) {
    return tokens.issue(Principal.parse(principal), Duration.ofHours(1), "test").text();
  }

  private static JobRun run(String id, JobRun.Status status, Instant end) {
    return new JobRun(
        id, "sales.orders", ORDERS, status, end.minus(Duration.ofMinutes(5)), end, 11L, "", null);
  }
}
