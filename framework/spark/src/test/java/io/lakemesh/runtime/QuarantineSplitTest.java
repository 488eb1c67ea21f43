package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.QualityRule.OnFail;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine split reads its batch once: the rows set aside reach the driver with the product
 * write's results, so the quarantine table is written after the source is gone. Only when a task
 * would carry more rows than its limit is the batch read again.
 */
class QuarantineSplitTest {
  private static final List<QualityRule> RULES =
      List.of(
          new QualityRule.NonNegative(
              "price_not_negative", Severity.ERROR, "unit_price", OnFail.QUARANTINE),
          new QualityRule.AllowedValues(
              "known_currency",
              Severity.ERROR,
              "currency",
              List.of("USD", "EUR"),
              OnFail.QUARANTINE));

  @TempDir Path dir;

  @Test
  void theSetAsideRowsComeFromTheProductWriteNotFromASecondRead() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path csv = orders();
    try (ObservedMetrics observed = new ObservedMetrics(spark)) {
      QuarantineSplit split = new QuarantineSplit(observed, RULES, read(spark, csv));

      List<Row> clean = split.clean().collectAsList();
      assertThat(clean).extracting(r -> r.getInt(0)).containsExactlyInAnyOrder(1, 3, 5);
      QuarantineReport report = split.report("sales.orders__quarantine");
      assertThat(report.rows()).isEqualTo(3);
      assertThat(report.rules())
          .containsExactly(Map.entry("price_not_negative", 2L), Map.entry("known_currency", 2L));

      Files.delete(csv); // a second read of the batch would fail now
      List<Row> setAside =
          split.setAside("run-1", Instant.parse("2026-12-06T10:00:00Z"), 3).collectAsList();
      assertThat(setAside)
          .extracting(r -> r.getInt(0) + " " + r.getList(4) + " " + r.getString(3))
          .containsExactlyInAnyOrder(
              "2 [price_not_negative] run-1",
              "4 [price_not_negative, known_currency] run-1",
              "6 [known_currency] run-1");
    }
  }

  @Test
  void aTaskWithMoreSetAsideRowsThanItCarriesHasThemReadAgain() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path csv = orders();
    try (ObservedMetrics observed = new ObservedMetrics(spark)) {
      QuarantineSplit split = new QuarantineSplit(observed, RULES, read(spark, csv), 1);
      split.clean().collectAsList();

      Dataset<Row> setAside = split.setAside("run-2", Instant.parse("2026-12-06T10:00:00Z"), 3);
      assertThat(setAside.collectAsList())
          .extracting(r -> r.getInt(0))
          .containsExactlyInAnyOrder(2, 4, 6);
      split.checkWritten(3);

      Files.delete(csv); // the read-again path needs the source: the limit was passed
      assertThatThrownBy(() -> split.setAside("run-2", Instant.now(), 3).collectAsList())
          .hasStackTraceContaining("orders.csv");
    }
  }

  /** Six orders; 2, 4 and 6 break a rule (4 breaks both). */
  private Path orders() throws Exception {
    Path csv = dir.resolve("orders.csv");
    Files.writeString(
        csv,
        String.join(
                "\n",
                "1,10.00,USD",
                "2,-1.00,USD",
                "3,0.00,EUR",
                "4,-5.00,JPY",
                "5,7.50,EUR",
                "6,2.00,usd")
            + "\n");
    return csv;
  }

  private static Dataset<Row> read(SparkSession spark, Path csv) {
    return spark
        .read()
        .schema("id INT, unit_price DECIMAL(12,2), currency STRING")
        .csv(csv.toString());
  }
}
