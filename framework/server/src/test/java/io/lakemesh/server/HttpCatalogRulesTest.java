package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http catalog as one principal sees the demo catalog through the server: a consumer may
 * neither record a producer's runs nor read what it may not describe, and the server audits the
 * refused writes.
 */
class HttpCatalogRulesTest {
  @TempDir Path dir;

  @Test
  void onlyTheProducerRecordsItsRunsAndTheServerAuditsEveryoneElse() {
    JobRun run =
        new JobRun(
            "orders-run-9",
            "sales.orders",
            DemoCatalog.ORDERS,
            JobRun.Status.RUNNING,
            Instant.parse("2026-11-09T06:00:00Z"),
            null,
            null,
            null,
            null);
    QualityRun quality =
        new QualityRun(
            "orders-run-9",
            DemoCatalog.ORDERS,
            null,
            run.startedAt(),
            QualityRun.Outcome.FAILED,
            List.of(),
            List.of());
    try (DemoCatalog demo = new DemoCatalog(dir).withProducts(3);
        ServedCatalog served = new ServedCatalog(demo.governance, demo.catalog);
        GovernanceCatalog marketing = as(served, MARKETING);
        GovernanceCatalog sales = as(served, SALES)) {
      assertThatThrownBy(() -> marketing.recordJobRun(run))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the producer sales");
      assertThatThrownBy(() -> marketing.recordQualityRun(quality))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(demo.catalog.findJobRun("orders-run-9")).isEmpty();
      assertThat(
              demo.governance.audit(
                  GOVERNANCE, AuditQuery.ofLog("governance").withActor(MARKETING)))
          .extracting(AuditEvent::action, AuditEvent::outcome)
          .containsExactly(
              // The token marketing's client uses was issued first, on marketing's authority.
              tuple(AuditAction.TOKEN_CREATE, AuditEvent.Outcome.ALLOWED),
              tuple(AuditAction.RECORD_RUN, AuditEvent.Outcome.REFUSED),
              tuple(AuditAction.RECORD_QUALITY, AuditEvent.Outcome.REFUSED));

      sales.recordJobRun(run);
      sales.recordQualityRun(quality);
      assertThat(sales.findJobRun("orders-run-9")).contains(run);
      assertThat(sales.qualityHistory(DemoCatalog.ORDERS, 1)).containsExactly(quality);
    }
  }

  @Test
  void aPrincipalReadsWhatItMayDescribeAndIsRefusedTheRest() {
    try (DemoCatalog demo = new DemoCatalog(dir).withProducts(3);
        ServedCatalog served = new ServedCatalog(demo.governance, demo.catalog);
        GovernanceCatalog marketing = as(served, MARKETING);
        GovernanceCatalog sales = as(served, SALES)) {
      assertThat(marketing.listTables(null)).isEmpty();
      assertThat(marketing.listDatabases(null)).isEmpty();
      assertThatThrownBy(() -> marketing.findTable(DemoCatalog.ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> marketing.qualityHistory(DemoCatalog.ORDERS, 5))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(marketing.lineage(DemoCatalog.dataset(DemoCatalog.ORDERS), 5)).isEmpty();

      assertThat(sales.listTables(null))
          .extracting(CatalogTable::id)
          .containsExactly(DemoCatalog.ORDERS);
      assertThat(sales.qualityHistory(DemoCatalog.ORDERS, 5)).hasSize(3);
      assertThat(sales.lineage(DemoCatalog.dataset(DemoCatalog.ORDERS), 10)).isNotEmpty();
      assertThatThrownBy(() -> sales.findTable(DemoCatalog.REVENUE))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(sales.findTable(TableId.of("sales", "sales", "nothing"))).isEmpty();
    }
  }

  @Test
  void theHttpCatalogIsLoadedByItsShortTypeNameAndNeedsAUrlAndAToken() {
    try (DemoCatalog demo = new DemoCatalog(dir);
        ServedCatalog served = new ServedCatalog(demo.governance, demo.catalog)) {
      assertThat(as(served, SALES)).isInstanceOf(HttpCatalog.class);
    }
    assertThatThrownBy(
            () ->
                CatalogLoader.load(
                    HttpCatalog.TYPE, "x", Map.of(HttpCatalog.URL, "http://127.0.0.1:1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("token");
  }

  private static GovernanceCatalog as(ServedCatalog served, Principal principal) {
    return CatalogLoader.load(
        HttpCatalog.TYPE,
        "http",
        Map.of(
            HttpCatalog.URL,
            served.server().uri().toString(),
            HttpCatalog.TOKEN,
            served.token(principal)));
  }
}
