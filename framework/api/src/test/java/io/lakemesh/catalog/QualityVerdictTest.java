package io.lakemesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.catalog.ConstraintResult.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityVerdictTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final ConstraintResult UNIQUE_OK =
      new ConstraintResult(
          "unique(order_id)",
          "isUnique(order_id)",
          Severity.ERROR,
          Status.SUCCESS,
          "uniqueness 100%");
  private static final ConstraintResult UNIQUE_FAILED =
      new ConstraintResult(
          "unique(order_id)",
          "isUnique(order_id)",
          Severity.ERROR,
          Status.FAILURE,
          "order_id: 2 of 506 rows share their value",
          "'1001'");
  private static final ConstraintResult COUNTRY_WARNED =
      new ConstraintResult(
          "completeness(country) >= 0.99",
          "hasCompleteness(country)",
          Severity.WARNING,
          Status.FAILURE,
          "completeness 97%, required >= 99%");

  private static QualityRun run(String id, long snapshot, String at, ConstraintResult... results) {
    List<ConstraintResult> constraints = List.of(results);
    return new QualityRun(
        id,
        ORDERS,
        snapshot,
        Instant.parse(at),
        QualityRun.outcomeOf(constraints),
        List.of(),
        constraints);
  }

  private static CatalogTable entry(Map<String, String> parameters) {
    return new CatalogTable(
        ORDERS,
        List.of(new Column("order_id", "bigint", false, "", false)),
        "file:/w/orders",
        "iceberg",
        List.of(),
        parameters,
        1,
        Instant.parse("2026-12-01T06:00:00Z"));
  }

  @Test
  void aRejectedLastRunLeavesThePublishedVerdictAndIsNotedApart() {
    QualityRun published = run("run-1", 11, "2026-12-01T06:00:00Z", UNIQUE_OK);
    QualityRun rejected = run("run-2", 12, "2026-12-02T06:00:00Z", UNIQUE_FAILED, COUNTRY_WARNED);
    CatalogTable table =
        entry(
            Map.of(
                TableParameters.RUN_ID,
                "run-1",
                TableParameters.QUALITY_STATUS,
                "PASSED",
                TableParameters.QUALITY_SUMMARY,
                "1 rules: 1 passed, 0 failed, 0 warnings"));

    QualityVerdict verdict = QualityVerdict.of(Optional.of(table), List.of(rejected, published));

    assertThat(verdict.status()).isEqualTo("PASSED");
    assertThat(verdict.summary()).isEqualTo("1 rules: 1 passed, 0 failed, 0 warnings");
    assertThat(verdict.published().runId()).isEqualTo("run-1");
    assertThat(verdict.checkedAt()).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
    assertThat(verdict.lastAttempt().runId()).isEqualTo("run-2");
    assertThat(verdict.lastAttemptRejected()).isTrue();
    // Only the blocking failure explains the rejection; the warning did not reject anything.
    assertThat(verdict.lastAttemptNote())
        .isEqualTo(
            "last attempt 2026-12-02T06:00:00Z: rejected, not published, consumers unaffected"
                + " (unique(order_id) failed: order_id: 2 of 506 rows share their value)");
  }

  @Test
  void whenThePublishedRunIsTheNewestThereIsNoSeparateNote() {
    QualityRun published = run("run-3", 13, "2026-12-03T06:00:00Z", UNIQUE_OK);
    CatalogTable table =
        entry(Map.of(TableParameters.RUN_ID, "run-3", TableParameters.QUALITY_STATUS, "PASSED"));

    QualityVerdict verdict =
        QualityVerdict.of(
            Optional.of(table),
            List.of(published, run("run-2", 12, "2026-12-02T06:00:00Z", UNIQUE_FAILED)));

    assertThat(verdict.status()).isEqualTo("PASSED");
    assertThat(verdict.lastAttempt()).isNull();
    assertThat(verdict.lastAttemptNote()).isNull();
    assertThat(verdict.lastAttemptRejected()).isFalse();
  }

  @Test
  void anEntryWithoutARunIdIsMatchedByItsSnapshot() {
    QualityRun older = run("run-1", 11, "2026-12-01T06:00:00Z", UNIQUE_OK);
    QualityRun newer = run("run-2", 12, "2026-12-02T06:00:00Z", UNIQUE_OK);
    CatalogTable table = entry(Map.of(TableParameters.SNAPSHOT_ID, "11"));

    QualityVerdict verdict = QualityVerdict.of(Optional.of(table), List.of(newer, older));

    // No status recorded in the entry: the published run's outcome is the status.
    assertThat(verdict.status()).isEqualTo("PASSED");
    assertThat(verdict.published().runId()).isEqualTo("run-1");
    assertThat(verdict.lastAttemptNote())
        .isEqualTo("last attempt 2026-12-02T06:00:00Z: checks PASSED, not published");
  }

  @Test
  void aProductNeverPublishedHasNoStatusAndItsRejectionAffectsNoConsumer() {
    QualityVerdict verdict =
        QualityVerdict.of(
            Optional.empty(), List.of(run("run-1", 11, "2026-12-01T06:00:00Z", UNIQUE_FAILED)));

    assertThat(verdict.status()).isNull();
    assertThat(verdict.published()).isNull();
    assertThat(verdict.lastAttemptNote())
        .isEqualTo(
            "last attempt 2026-12-01T06:00:00Z: rejected, not published"
                + " (unique(order_id) failed: order_id: 2 of 506 rows share their value)");
  }
}
