package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityVerdict;
import io.lakemesh.catalog.TableId;
import io.lakemesh.cli.LakemeshCli;
import io.lakemesh.runtime.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every rule type, a batch that violates it: the run is rejected (exit 3), main keeps its
 * snapshot, the catalog entry stays as it was, and the report names the failing rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityGateRejectionTest {
  private static final TableId TABLE = TableId.of("qa", "qa", "orders");
  private static final int COUNTRY = 8;

  @TempDir static Path dir;
  private TestMesh mesh;
  private List<String> good;
  private Long publishedSnapshot;
  private int publishedVersions;

  @BeforeAll
  void publishAGoodBatch() throws IOException {
    Path products = dir.resolve("products");
    long days = ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 1), LocalDate.now()) + 400;
    TestMesh.deriveSpec(
        products,
        "sales.orders",
        "qa",
        "orders",
        """
        table.mode = overwrite
        quality.rules = [
          { type = size, min = 100, max = 600 }
          { type = completeness, column = country, min = 0.99 }
          { type = unique, column = order_id }
          { type = primary-key, columns = [customer_id, order_ts] }
          { type = non-negative, column = unit_price }
          { type = range, column = quantity, min = 1, max = 10 }
          { type = allowed-values, column = currency, values = [USD, EUR, GBP] }
          { type = pattern, column = country, regex = "^[A-Z]{2}$" }
          { type = sql, name = placed_after_2020, predicate = "order_ts >= timestamp'2020-01-01 00:00:00'" }
          { type = freshness, column = order_ts, max-age = %dd }
          { type = dqdl, rules = "Rules = [ RowCount <= 550 ]" }
          { type = anomaly, metric = row-count, max-decrease = 0.5, max-increase = 3.0 }
          { type = anomaly, metric = completeness, column = country, max-decrease = 0.05 }
        ]
        """
            .formatted(days));
    mesh = new TestMesh(dir.resolve("home"), products);
    good = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
    RunReport first = mesh.run("qa.orders", Map.of("orders", TestMesh.SAMPLE_ORDERS.toString()));
    assertThat(first.status()).as(first.message()).isEqualTo(JobRun.Status.PUBLISHED);
    publishedSnapshot = mesh.mainSnapshot("qa", "qa.orders");
    publishedVersions = mesh.catalog.tableVersions(TABLE).size();
  }

  @AfterAll
  void close() {
    mesh.close();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("size", "size", (UnaryOperator<List<String>>) rows -> withCopies(rows, 200)),
        Arguments.of(
            "completeness",
            "completeness(country)",
            (UnaryOperator<List<String>>) rows -> everyTenth(rows, COUNTRY, "")),
        Arguments.of("not null (contract)", "not_null(customer_id)", edit(5, 1, "")),
        Arguments.of(
            "uniqueness",
            "unique(order_id)",
            (UnaryOperator<List<String>>) rows -> duplicateRow(rows, 1)),
        Arguments.of(
            "primary key",
            "unique(customer_id,order_ts)",
            (UnaryOperator<List<String>>) rows -> sameKey(rows)),
        Arguments.of("non-negative", "non-negative(unit_price)", edit(5, 4, "-1.00")),
        Arguments.of("range", "range(quantity)", edit(5, 3, "11")),
        Arguments.of("allowed values", "allowed-values(currency)", edit(5, 5, "JPY")),
        Arguments.of("pattern", "pattern(country)", edit(5, COUNTRY, "usa")),
        Arguments.of("sql predicate", "placed_after_2020", edit(5, 6, "2019-06-01T00:00:00")),
        Arguments.of(
            "freshness", "freshness(order_ts)", (UnaryOperator<List<String>>) rows -> allOld(rows)),
        Arguments.of("dqdl", "dqdl", (UnaryOperator<List<String>>) rows -> withCopies(rows, 60)),
        Arguments.of(
            "anomaly: row count",
            "anomaly.row_count",
            (UnaryOperator<List<String>>) rows -> rows.subList(0, 201)),
        Arguments.of(
            "anomaly: completeness",
            "anomaly.completeness(country)",
            (UnaryOperator<List<String>>) rows -> everyTenth(rows, COUNTRY, "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void aViolatingBatchIsRejectedAndNothingIsPublished(
      String label, String rule, UnaryOperator<List<String>> mutate) throws IOException {
    Path batch =
        Files.write(
            dir.resolve(label.replaceAll("\\W", "_") + ".csv"),
            mutate.apply(new ArrayList<>(good)));
    CatalogTable before = mesh.catalog.loadTable(TABLE);

    RunReport report = mesh.run("qa.orders", Map.of("orders", batch.toString()));

    assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.REJECTED);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.constraints())
        .filteredOn(ConstraintResult::blocking)
        .extracting(ConstraintResult::rule)
        .contains(rule);
    assertThat(report.message()).contains(rule);
    assertThat(mesh.mainSnapshot("qa", "qa.orders")).isEqualTo(publishedSnapshot);
    assertThat(mesh.catalog.loadTable(TABLE)).isEqualTo(before);
    assertThat(mesh.catalog.tableVersions(TABLE)).hasSize(publishedVersions);
    assertThat(mesh.catalog.qualityHistory(TABLE, 1).get(0).outcome())
        .isEqualTo(QualityRun.Outcome.FAILED);
    // What consumers read is still the good batch; the rejection is said apart, naming the rule.
    QualityVerdict verdict =
        QualityVerdict.of(Optional.of(before), mesh.catalog.qualityHistory(TABLE, 100));
    assertThat(verdict.status()).isEqualTo("PASSED");
    assertThat(verdict.published().constraints()).extracting(ConstraintResult::rule).contains(rule);
    assertThat(verdict.lastAttemptNote())
        .startsWith("last attempt ")
        .contains(": rejected, not published, consumers unaffected (")
        .contains(rule + " failed: ");
  }

  @Test
  void theCliExitsWith3OnARejectedBatch() throws IOException {
    Path batch =
        Files.write(dir.resolve("cli.csv"), edit(7, 5, "XXX").apply(new ArrayList<>(good)));
    Path config =
        Files.writeString(
            dir.resolve("cli.conf"), "lakemesh.products = \"" + dir.resolve("products") + "\"\n");
    int code =
        LakemeshCli.execute(
            "run",
            "qa.orders",
            "--home",
            dir.resolve("home").toString(),
            "--config",
            config.toString(),
            "--source",
            "orders=" + batch);
    assertThat(code).isEqualTo(3);
    assertThat(mesh.mainSnapshot("qa", "qa.orders")).isEqualTo(publishedSnapshot);
  }

  private static UnaryOperator<List<String>> edit(int row, int column, String value) {
    return rows -> {
      String[] f = rows.get(row).split(",", -1);
      f[column] = value;
      rows.set(row, String.join(",", f));
      return rows;
    };
  }

  private static List<String> withCopies(List<String> rows, int copies) {
    for (int i = 1; i <= copies; i++) {
      rows.add(rows.get(i).replaceFirst("^O", "X"));
    }
    return rows;
  }

  private static List<String> everyTenth(List<String> rows, int column, String value) {
    for (int i = 1; i < rows.size(); i += 10) {
      edit(i, column, value).apply(rows);
    }
    return rows;
  }

  private static List<String> duplicateRow(List<String> rows, int row) {
    rows.add(rows.get(row));
    return rows;
  }

  private static List<String> sameKey(List<String> rows) {
    String[] first = rows.get(1).split(",", -1);
    edit(2, 1, first[1]).apply(rows);
    return edit(2, 6, first[6]).apply(rows);
  }

  private static List<String> allOld(List<String> rows) {
    for (int i = 1; i < rows.size(); i++) {
      rows.set(i, rows.get(i).replaceAll(",2026-", ",2015-"));
    }
    return rows;
  }
}
