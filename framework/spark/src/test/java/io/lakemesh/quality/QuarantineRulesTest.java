package io.lakemesh.quality;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.QualityRule.OnFail;
import io.lakemesh.testing.SharedSpark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The split of a batch by its quarantine rules sets aside exactly the rows Deequ's own row-level
 * results mark as failing, rule by rule, on data with nulls and with rows that break several rules.
 */
class QuarantineRulesTest {
  private static final List<QualityRule> RULES =
      List.of(
          new QualityRule.Completeness(
              "complete_country", Severity.ERROR, "country", 1.0, OnFail.QUARANTINE),
          new QualityRule.NonNegative(
              "price_not_negative", Severity.ERROR, "unit_price", OnFail.QUARANTINE),
          new QualityRule.Range(
              "quantity_1_to_10", Severity.ERROR, "quantity", 1.0, 10.0, OnFail.QUARANTINE),
          new QualityRule.AllowedValues(
              "known_currency",
              Severity.ERROR,
              "currency",
              List.of("USD", "EUR", "GBP"),
              OnFail.QUARANTINE),
          new QualityRule.Pattern(
              "iso_country", Severity.ERROR, "country", "[A-Z]{2}", OnFail.QUARANTINE),
          new QualityRule.Predicate(
              "small_total",
              Severity.ERROR,
              "quantity * unit_price < 1000",
              1.0,
              OnFail.QUARANTINE));

  /** Six orders: one clean, the others breaking one rule or several, some through a null. */
  private static Dataset<Row> orders(SparkSession spark) {
    return spark.sql(
        "SELECT * FROM VALUES"
            + " (1, 1, CAST(10.00 AS DECIMAL(12,2)), 'USD', 'US'),"
            + " (2, CAST(NULL AS INT), CAST(5.00 AS DECIMAL(12,2)), 'EUR', 'DE'),"
            + " (3, 0, CAST(-1.00 AS DECIMAL(12,2)), 'JPY', CAST(NULL AS STRING)),"
            + " (4, 11, CAST(NULL AS DECIMAL(12,2)), CAST(NULL AS STRING), 'usa'),"
            + " (5, 5, CAST(300.00 AS DECIMAL(12,2)), 'GBP', 'GB'),"
            + " (6, 2, CAST(3.00 AS DECIMAL(12,2)), 'usd', 'FR')"
            + " AS orders(id, quantity, unit_price, currency, country)");
  }

  /** Written by hand from the six rows above. */
  private static final Map<String, Long> EXPECTED =
      Map.of(
          "complete_country", 1L, // 3
          "price_not_negative", 1L, // 3
          "quantity_1_to_10", 2L, // 3, 4
          "known_currency", 2L, // 3, 6
          "iso_country", 1L, // 4
          "small_total", 3L); // 2 and 4 (a null total is not < 1000), 5

  @Test
  void theSplitSetsAsideWhatDeequsRowLevelResultsFail() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> judged = orders(spark).withColumn("_rules", QuarantineRules.broken(RULES)).cache();

    Map<String, Long> split = new LinkedHashMap<>();
    for (QualityRule r : RULES) {
      split.put(r.name(), judged.where(array_contains(col("_rules"), r.name())).count());
    }
    assertThat(split).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    assertThat(judged.where("size(_rules) = 0").select("id").as(Encoders.INT()).collectAsList())
        .containsExactly(1);
    assertThat(judged.where("id = 3").first().<String>getList(5))
        .containsExactly(
            "complete_country", "price_not_negative", "quantity_1_to_10", "known_currency");

    assertThat(deequRowLevelFailures(spark, orders(spark)))
        .containsExactlyInAnyOrderEntriesOf(split);
  }

  /** Per rule, the rows Deequ's row-level results do not mark as passing (one check per rule). */
  private static Map<String, Long> deequRowLevelFailures(SparkSession spark, Dataset<Row> data) {
    VerificationSuite suite = new VerificationSuite();
    var builder = suite.onData(data);
    for (QualityRule r : RULES) {
      Check check = new Check(CheckLevel.Error(), r.name(), Scala.seq(List.of()));
      builder = builder.addCheck(Constraints.of(r).addTo(check));
    }
    VerificationResult result = builder.run();
    Dataset<Row> rows = VerificationResult.rowLevelResultsAsDataFrame(spark, result, data);
    Map<String, Long> failures = new LinkedHashMap<>();
    for (QualityRule r : RULES) {
      failures.put(
          r.name(), rows.where(not(coalesce(col("`" + r.name() + "`"), lit(false)))).count());
    }
    return failures;
  }
}
