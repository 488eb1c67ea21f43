package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.rules.SearchQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on loopback, bounded in time: 8 clients for {@code lakemesh.load.seconds} (20 by default),
 * each with its own HTTP client and token, mixing searches, entitlement checks (allowed through a
 * link, and refused) and publishes of its own table. Afterwards: zero errors, zero wrong decisions,
 * and for every table the catalog's version count, the client's count of acknowledged publishes and
 * the audit log's PUBLISH events agree. Prints requests per second and latency percentiles.
 */
class CatalogServerLoadIT {
  private static final int CLIENTS = 8;
  private static final Duration DURATION =
      Duration.ofSeconds(Long.getLong("lakemesh.load.seconds", 20));

  enum Op {
    SEARCH,
    CHECK_ALLOWED,
    CHECK_REFUSED,
    PUBLISH
  }

  @TempDir Path dir;

  /** What one client did: latencies per operation (ns), publishes acknowledged, errors. */
  static final class Tally {
    final Map<Op, List<Long>> latencies = new EnumMap<>(Op.class);
    int published;
    int wrongDecisions;
    final List<String> errors = new ArrayList<>();

    Tally() {
      for (Op op : Op.values()) {
        latencies.put(op, new ArrayList<>());
      }
    }
  }

  @Test
  void eightClientsMixingSearchesChecksAndPublishesLoseNothing() throws Exception {
    try (DemoCatalog demo = new DemoCatalog(dir).withProducts(2);
        ServedCatalog served = new ServedCatalog(demo.governance, demo.catalog)) {
      AccessRequest asked =
          demo.governance.requestAccess(
              MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
      demo.governance.approve(SALES, asked.id());
      TableId viaLink = TableId.of("marketing", "sales_link", "orders");

      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      Instant end = Instant.now().plus(DURATION);
      long started = System.nanoTime();
      List<Future<Tally>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        HttpGovernance http = served.client();
        running.add(pool.submit(() -> run(client, http, viaLink, end)));
      }
      List<Tally> tallies = new ArrayList<>();
      for (Future<Tally> f : running) {
        tallies.add(f.get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      pool.shutdown();

      // The catalog and the audit log agree with what the clients were told.
      List<AuditEvent> events =
          ((SupportsAudit) demo.catalog).auditEvents(AuditQuery.all().limit(1_000_000));
      List<String> lost = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        TableId table = table(c);
        int acknowledged = tallies.get(c).published;
        int versions = demo.catalog.tableVersions(table).size();
        long audited =
            events.stream()
                .filter(
                    e ->
                        e.action() == AuditAction.PUBLISH
                            && !e.refused()
                            && e.resource().equals("table " + table))
                .count();
        if (versions != acknowledged || audited != acknowledged) {
          lost.add(
              table
                  + ": "
                  + acknowledged
                  + " acknowledged, "
                  + versions
                  + " versions, "
                  + audited
                  + " audited");
        }
      }

      long total =
          tallies.stream().flatMap(t -> t.latencies.values().stream()).mapToLong(List::size).sum();
      long errors = tallies.stream().mapToLong(t -> t.errors.size()).sum();
      long wrong = tallies.stream().mapToLong(t -> t.wrongDecisions).sum();
      long publishes = tallies.stream().mapToLong(t -> t.published).sum();
      System.out.printf(
          "load: %d clients x %.1f s on loopback (SQLite catalog): %d requests, %.0f requests/s,"
              + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d publishes, %d errors, %d wrong decisions, %d lost publishes%n",
          CLIENTS,
          seconds,
          total,
          total / seconds,
          pct(tallies, null, 50),
          pct(tallies, null, 99),
          pct(tallies, null, 100),
          publishes,
          errors,
          wrong,
          lost.size());
      for (Op op : Op.values()) {
        long n = tallies.stream().mapToLong(t -> t.latencies.get(op).size()).sum();
        System.out.printf(
            "  %-14s %7d requests  p50 %6.1f ms  p99 %6.1f ms%n",
            op, n, pct(tallies, op, 50), pct(tallies, op, 99));
      }
      tallies.stream()
          .flatMap(t -> t.errors.stream())
          .limit(10)
          .forEach(e -> System.out.println("  ERROR " + e));
      lost.forEach(l -> System.out.println("  LOST " + l));
      assertThat(errors).isZero();
      assertThat(wrong).isZero();
      assertThat(lost).isEmpty();
      assertThat(publishes).isPositive();
    }
  }

  private static Tally run(int client, HttpGovernance http, TableId viaLink, Instant end) {
    Tally tally = new Tally();
    Principal producer = SALES;
    long snapshot = 1_000_000L * (client + 1);
    while (Instant.now().isBefore(end)) {
      int dice = ThreadLocalRandom.current().nextInt(100);
      Op op =
          dice < 55
              ? Op.SEARCH
              : dice < 75 ? Op.CHECK_ALLOWED : dice < 85 ? Op.CHECK_REFUSED : Op.PUBLISH;
      long t0 = System.nanoTime();
      try {
        switch (op) {
          case SEARCH -> {
            if (http.search(MARKETING, SearchQuery.text("orders").withTag("domain=sales"))
                .isEmpty()) {
              tally.wrongDecisions++;
            }
          }
          case CHECK_ALLOWED -> {
            if (http.checkSelect(MARKETING, viaLink).visibleColumnNames().size() != 4) {
              tally.wrongDecisions++;
            }
          }
          case CHECK_REFUSED -> {
            try {
              http.checkSelect(ANALYST, viaLink);
              tally.wrongDecisions++;
            } catch (AccessDeniedException expected) {
              // The analyst holds nothing: refused, as it must be.
            }
          }
          case PUBLISH -> {
            http.publish(producer, publication(table(client), ++snapshot));
            tally.published++;
          }
        }
      } catch (RuntimeException e) {
        tally.errors.add(op + ": " + e);
      }
      tally.latencies.get(op).add(System.nanoTime() - t0);
    }
    return tally;
  }

  private static TableId table(int client) {
    return TableId.of("sales", "load", "t" + client);
  }

  private static Publication publication(TableId id, long snapshot) {
    Map<String, String> p =
        Map.of(
            TableParameters.PRODUCT,
            id.database() + "." + id.table(),
            TableParameters.OWNER_TEAM,
            "sales-data",
            TableParameters.SNAPSHOT_ID,
            Long.toString(snapshot),
            TableParameters.QUALITY_STATUS,
            "PASSED");
    List<Column> columns =
        List.of(
            new Column("id", "bigint", false, "", false),
            new Column("v", "string", true, "", false));
    return new Publication(
        new CatalogTable(
            id, columns, "file:/w/sales/" + id.table(), "iceberg", List.of(), p, 0, Instant.now()),
        null,
        null,
        null);
  }

  private static double pct(List<Tally> tallies, Op op, int percentile) {
    long[] all =
        tallies.stream()
            .flatMap(
                t -> op == null ? t.latencies.values().stream() : Stream.of(t.latencies.get(op)))
            .flatMap(List::stream)
            .mapToLong(Long::longValue)
            .toArray();
    if (all.length == 0) {
      return 0;
    }
    Arrays.sort(all);
    int index = (int) Math.ceil(percentile / 100.0 * all.length) - 1;
    return all[Math.max(0, Math.min(all.length - 1, index))] / 1e6;
  }
}
