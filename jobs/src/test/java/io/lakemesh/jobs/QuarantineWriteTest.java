package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.QuarantineRelease;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quarantine rules in the write: for each row-level rule type a batch with three bad rows publishes
 * the others and sets exactly those three aside, named by the rules they broke; above
 * quality.max-quarantine nothing is written anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineWriteTest {
  private static final TableId TABLE = TableId.of("qa", "qa", "orders");
  private static final int QUANTITY = 3;
  private static final int PRICE = 4;
  private static final int CURRENCY = 5;
  private static final int ORDER_TS = 6;
  private static final int COUNTRY = 8;

  @TempDir static Path dir;
  private TestMesh mesh;
  private List<String> good;

  @BeforeAll
  void open() throws IOException {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(
        products,
        "sales.orders",
        "qa",
        "orders",
        """
        table.mode = overwrite
        quality.rules = [
          { type = size, min = 100 }
          { type = unique, column = order_id }
          { type = completeness, column = country, on-fail = quarantine }
          { type = non-negative, column = unit_price, on-fail = quarantine }
          { type = range, column = quantity, min = 1, max = 10, on-fail = quarantine }
          { type = allowed-values, column = currency, values = [USD, EUR, GBP], on-fail = quarantine }
          { type = pattern, column = country, regex = "[A-Z]{2}", on-fail = quarantine }
          { type = sql, name = placed_after_2020, predicate = "order_ts >= timestamp'2020-01-01 00:00:00'", on-fail = quarantine }
        ]
        """);
    mesh = new TestMesh(dir.resolve("home"), products);
    good = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
  }

  @AfterAll
  void close() {
    mesh.close();
  }

  static Stream<Arguments> ruleTypes() {
    return Stream.of(
        Arguments.of("completeness(country)", COUNTRY, ""),
        Arguments.of("non-negative(unit_price)", PRICE, "-1.00"),
        Arguments.of("range(quantity)", QUANTITY, "11"),
        Arguments.of("allowed-values(currency)", CURRENCY, "JPY"),
        Arguments.of("pattern(country)", COUNTRY, "usa"),
        Arguments.of("placed_after_2020", ORDER_TS, "2019-06-01T00:00:00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleTypes")
  void threeBadRowsAreSetAsideAndTheOthersPublished(String rule, int column, String value)
      throws IOException {
    List<String> rows = new ArrayList<>(good);
    for (int row : List.of(3, 50, 200)) {
      edit(rows, row, column, value);
    }
    Path batch = Files.write(dir.resolve(rule.replaceAll("\\W", "_") + ".csv"), rows);

    RunReport report = mesh.run("qa.orders", Map.of("orders", batch.toString()));

    assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.PUBLISHED);
    long all = good.size() - 1;
    assertThat(published())
        .hasSize((int) all - 3)
        .doesNotContain(orderId(3), orderId(50), orderId(200));
    assertThat(quarantined(report.runId()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                orderId(3),
                List.of(rule),
                orderId(50),
                List.of(rule),
                orderId(200),
                List.of(rule)));
    assertThat(report.quarantine().rows()).isEqualTo(3);
    assertThat(report.quarantine().rules()).containsEntry(rule, 3L);
    assertThat(report.quarantine().rules().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(3);
    assertThat(report.quarantine().table()).isEqualTo("qa.orders__quarantine");
    assertThat(report.quarantine().fraction()).isEqualTo(3.0 / all);
    CatalogTable entry = mesh.catalog.loadTable(TABLE);
    assertThat(entry.parameter(TableParameters.QUARANTINE_ROWS)).contains("3");
    assertThat(entry.parameter(TableParameters.QUARANTINE_RULES).orElseThrow())
        .contains("\"" + rule + "\":3");
    assertThat(entry.parameter(TableParameters.ROW_COUNT)).contains(Long.toString(all - 3));
  }

  @Test
  void aRowBreakingSeveralRulesNamesEveryOneInSpecOrder() throws IOException {
    List<String> rows = new ArrayList<>(good);
    edit(rows, 7, PRICE, "-2.00");
    edit(rows, 7, QUANTITY, "0");
    edit(rows, 7, COUNTRY, "");
    edit(rows, 9, CURRENCY, "");
    Path batch = Files.write(dir.resolve("several.csv"), rows);

    RunReport report = mesh.run("qa.orders", Map.of("orders", batch.toString()));

    assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.PUBLISHED);
    // A null currency is no value outside the list, and a null country matches no pattern check.
    assertThat(quarantined(report.runId()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                orderId(7),
                List.of("completeness(country)", "non-negative(unit_price)", "range(quantity)")));
    assertThat(published()).contains(orderId(9)).doesNotContain(orderId(7));
    assertThat(report.quarantine().rules())
        .containsExactly(
            Map.entry("completeness(country)", 1L), Map.entry("non-negative(unit_price)", 1L),
            Map.entry("range(quantity)", 1L), Map.entry("allowed-values(currency)", 0L),
            Map.entry("pattern(country)", 0L), Map.entry("placed_after_2020", 0L));
  }

  @Test
  void moreBadRowsThanTheLimitRejectTheBatchAndWriteNothingAnywhere() throws IOException {
    RunReport first = mesh.run("qa.orders", Map.of("orders", TestMesh.SAMPLE_ORDERS.toString()));
    assertThat(first.status())
        .as(first.message())
        .isIn(JobRun.Status.PUBLISHED, JobRun.Status.UNCHANGED);
    Long product = mesh.mainSnapshot("qa", "qa.orders");
    Long quarantine = mesh.mainSnapshot("qa", "qa.orders__quarantine");
    CatalogTable before = mesh.catalog.loadTable(TABLE);
    List<String> rows = new ArrayList<>(good);
    for (int row = 1; row <= 6; row++) {
      edit(rows, row, CURRENCY, "JPY");
    }
    edit(rows, 20, QUANTITY, "99");
    Path batch = Files.write(dir.resolve("too-many.csv"), rows);

    RunReport report = mesh.run("qa.orders", Map.of("orders", batch.toString()));

    assertThat(report.status()).isEqualTo(JobRun.Status.REJECTED);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.message())
        .contains("7 rows (1.40% of the batch)")
        .contains("quality.max-quarantine = 0.01 (1.00%)")
        .contains("allowed-values(currency): 6, ")
        .contains("range(quantity): 1")
        .contains("Nothing was published and nothing quarantined")
        .contains("raise quality.max-quarantine in the spec of qa.orders");
    assertThat(mesh.mainSnapshot("qa", "qa.orders")).isEqualTo(product);
    assertThat(mesh.mainSnapshot("qa", "qa.orders__quarantine")).isEqualTo(quarantine);
    assertThat(mesh.icebergTable("qa", "qa.orders__quarantine").refs().keySet())
        .containsExactly("main");
    assertThat(quarantined(report.runId())).isEmpty();
    assertThat(mesh.catalog.loadTable(TABLE)).isEqualTo(before);
    QualityRun recorded = mesh.catalog.qualityHistory(TABLE, 1).get(0);
    assertThat(recorded.outcome()).isEqualTo(QualityRun.Outcome.FAILED);
    assertThat(recorded.constraints())
        .extracting(ConstraintResult::rule, ConstraintResult::message)
        .containsExactly(
            Tuple.tuple(
                "max-quarantine",
                "7 rows (1.40% of the batch) would be set aside, required at most 1.00%; completeness(country): 0,"
                    + " non-negative(unit_price): 0, range(quantity): 1, allowed-values(currency): 6,"
                    + " pattern(country): 0, placed_after_2020: 0"));
  }

  @Test
  void releasedRowsThatNowPassArePublishedAndLeaveTheQuarantineInOneRun() throws IOException {
    List<String> rows = new ArrayList<>(good);
    for (int row : List.of(3, 50, 200)) {
      edit(rows, row, CURRENCY, "usd");
    }
    Path batch = Files.write(dir.resolve("lower-case.csv"), rows);
    RunReport first = mesh.run("qa.orders", Map.of("orders", batch.toString()));
    assertThat(quarantined(first.runId())).hasSize(3);

    QuarantineRelease release =
        new QuarantineRelease(
            first.runId(),
            "currency = 'usd'",
            QuarantineRelease.fixes(
                List.of(
                    "currency = CASE WHEN order_id = '"
                        + orderId(200)
                        + "' THEN 'yen' ELSE upper(currency) END")));
    RunReport released =
        new ProducerJob(mesh.config, mesh.catalog, SharedSpark.session(), null)
            .run(mesh.specs.load("qa.orders"), new ProducerJob.Options(null, Map.of(), release));

    assertThat(released.status()).as(released.message()).isEqualTo(JobRun.Status.PUBLISHED);
    // The product overwrites its batches; released rows are added to the published one.
    assertThat(published())
        .hasSize(good.size() - 2)
        .contains(orderId(3), orderId(50))
        .doesNotContain(orderId(200));
    assertThat(
            spark()
                .table("qa.qa.orders")
                .where("order_id = '" + orderId(3) + "'")
                .first()
                .<String>getAs("currency"))
        .isEqualTo("USD");
    assertThat(quarantined(first.runId())).isEmpty();
    assertThat(quarantined(released.runId()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(orderId(200), List.of("allowed-values(currency)")));
    assertThat(released.quarantine().rows()).isEqualTo(1);
  }

  @Test
  void theQuarantineTableIsNotACatalogProduct() throws IOException {
    mesh.run("qa.orders", Map.of("orders", TestMesh.SAMPLE_ORDERS.toString()));
    assertThat(mesh.catalog.findTable(TableId.of("qa", "qa", "orders__quarantine"))).isEmpty();
    assertThat(spark().table("qa.qa.orders__quarantine").columns())
        .endsWith("amount", "_run_id", "_rules", "_quarantined_at");
  }

  /** A session of its own for each read, so that no cached table metadata hides a commit. */
  private SparkSession spark() {
    return SparkSessions.forAccounts(SharedSpark.session(), mesh.config.warehouse(), List.of("qa"));
  }

  private List<String> published() {
    return spark().table("qa.qa.orders").select("order_id").collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /** The rows a run set aside: order id to the rules it broke. */
  private Map<String, List<String>> quarantined(String runId) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r :
        spark()
            .table("qa.qa.orders__quarantine")
            .where("_run_id = '" + runId + "'")
            .select("order_id", "_rules")
            .collectAsList()) {
      out.put(r.getString(0), r.getList(1));
    }
    return out;
  }

  private String orderId(int row) {
    return good.get(row).split(",", -1)[0];
  }

  private static void edit(List<String> rows, int row, int column, String value) {
    String[] f = rows.get(row).split(",", -1);
    f[column] = value;
    rows.set(row, String.join(",", f));
  }
}
