package io.lakemesh.quality;

import static io.lakemesh.quality.Orders.ERROR;
import static io.lakemesh.quality.Orders.NOW;
import static io.lakemesh.quality.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.Metric;
import io.lakemesh.spec.QualityRule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule type, once on data that satisfies it and once on data that does not. */
class RuleTypesTest {

  static ConstraintResult judge(Dataset<Row> data, QualityRule rule) {
    List<ConstraintResult> results =
        QualityGate.on(data).rules(List.of(rule)).at(NOW).run().constraints();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).rule()).isEqualTo(rule.name());
    return results.get(0);
  }

  static void assertPassed(ConstraintResult result) {
    assertThat(result.status()).as(result.message()).isEqualTo(Status.SUCCESS);
  }

  static String assertFailed(ConstraintResult result) {
    assertThat(result.status()).as(result.message()).isEqualTo(Status.FAILURE);
    return result.message();
  }

  @Nested
  class Size {
    final QualityRule rule = new QualityRule.Size("size", ERROR, 2L, 5L);

    @Test
    void passesWithinBounds() {
      ConstraintResult result = judge(Orders.valid(), rule);
      assertPassed(result);
      assertThat(result.constraint()).isEqualTo("row count between 2 and 5");
    }

    @Test
    void failsOutsideBounds() {
      assertThat(assertFailed(judge(Orders.of(order("O-1")), rule)))
          .isEqualTo("row count 1, required between 2 and 5");
    }
  }

  @Nested
  class Completeness {
    final QualityRule rule =
        new QualityRule.Completeness("completeness(order_id)", ERROR, "order_id", 1.0);

    @Test
    void passesWhenComplete() {
      assertPassed(judge(Orders.valid(), rule));
    }

    @Test
    void failsWithCountAndNoRowOfValues() {
      ConstraintResult result = judge(Orders.of(order("O-1"), order(null), order("O-3")), rule);
      assertThat(assertFailed(result))
          .isEqualTo("order_id: 1 of 3 rows are null (completeness 66.666%, required 100%)");
      // The null is the only value of the rule's column; the rest of the row is not the rule's.
      assertThat(result.examples()).isNull();
    }

    @Test
    void aMinimumBelowOneToleratesNulls() {
      QualityRule half = new QualityRule.Completeness("c", ERROR, "order_id", 0.5);
      assertPassed(judge(Orders.of(order("O-1"), order(null), order("O-3")), half));
    }
  }

  @Nested
  class Uniqueness {
    @Test
    void passesOnDistinctKeys() {
      assertPassed(judge(Orders.valid(), unique("order_id")));
    }

    @Test
    void failsWithDuplicatedKey() {
      ConstraintResult result =
          judge(Orders.of(order("O-1"), order("O-1"), order("O-2")), unique("order_id"));
      assertThat(assertFailed(result))
          .isEqualTo(
              "order_id: 2 of 3 rows share their value with another row"
                  + " (uniqueness 33.333%, required 100%)");
      assertThat(result.examples()).isEqualTo("'O-1' in 2 rows");
    }

    @Test
    void severalColumnsFormOneKey() {
      QualityRule key = unique("order_id", "product_id");
      assertPassed(judge(Orders.of(order("O-1"), order("O-1", "product_id", "P2")), key));
      ConstraintResult result = judge(Orders.of(order("O-1"), order("O-1")), key);
      assertThat(assertFailed(result))
          .startsWith("(order_id, product_id): 2 of 2 rows share their value with another row (");
      assertThat(result.examples()).isEqualTo("('O-1', 'P1') in 2 rows");
    }

    private QualityRule unique(String... columns) {
      return new QualityRule.Uniqueness(
          "unique(" + String.join(",", columns) + ")", ERROR, List.of(columns));
    }
  }

  @Nested
  class NonNegative {
    final QualityRule rule =
        new QualityRule.NonNegative("non-negative(quantity)", ERROR, "quantity");

    @Test
    void passesOnZeroAndNull() {
      assertPassed(
          judge(Orders.of(order("O-1", "quantity", 0), order("O-2", "quantity", null)), rule));
    }

    @Test
    void failsWithCountAndExample() {
      ConstraintResult result = judge(Orders.of(order("O-1"), order("O-2", "quantity", -3)), rule);
      assertThat(assertFailed(result))
          .isEqualTo("quantity: 1 of 2 rows are negative (compliance 50%, required 100%)");
      assertThat(result.examples()).isEqualTo("-3");
    }
  }

  @Nested
  class Range {
    final QualityRule rule =
        new QualityRule.Range("range(unit_price)", ERROR, "unit_price", 0.01, 99.99);

    @Test
    void decimalBoundsAreInclusiveAndNullsAllowed() {
      assertPassed(
          judge(
              Orders.of(
                  order("O-1", "unit_price", "0.01"),
                  order("O-2", "unit_price", "99.99"),
                  order("O-3", "unit_price", null)),
              rule));
    }

    @Test
    void failsJustOutsideABound() {
      ConstraintResult result =
          judge(Orders.of(order("O-1"), order("O-2", "unit_price", "100.00")), rule);
      assertThat(assertFailed(result))
          .isEqualTo(
              "unit_price: 1 of 2 rows are not between 0.01 and 99.99"
                  + " (compliance 50%, required 100%)");
      assertThat(result.examples()).isEqualTo("100.00");
    }

    @Test
    void anOpenBound() {
      QualityRule atLeast = new QualityRule.Range("r", ERROR, "quantity", 1.0, null);
      assertPassed(judge(Orders.of(order("O-1", "quantity", 1)), atLeast));
      ConstraintResult result = judge(Orders.of(order("O-1", "quantity", 0)), atLeast);
      assertThat(assertFailed(result)).startsWith("quantity: 1 of 1 rows are not >= 1 (");
      assertThat(result.examples()).isEqualTo("0");
    }
  }

  @Nested
  class AllowedValues {
    final QualityRule rule =
        new QualityRule.AllowedValues(
            "allowed-values(currency)", ERROR, "currency", List.of("USD", "EUR", "GBP"));

    @Test
    void passesOnAllowedValuesAndNull() {
      assertPassed(
          judge(Orders.of(order("O-1", "currency", "EUR"), order("O-2", "currency", null)), rule));
    }

    @Test
    void failsWithCountAndExample() {
      ConstraintResult result =
          judge(Orders.of(order("O-1"), order("O-2", "currency", "JPY")), rule);
      assertThat(assertFailed(result)).startsWith("currency: 1 of 2 rows not in (USD, EUR, GBP) (");
      assertThat(result.examples()).isEqualTo("'JPY'");
    }
  }

  @Nested
  class Pattern {
    final QualityRule rule =
        new QualityRule.Pattern("pattern(country)", ERROR, "country", "[A-Z]{2}");

    @Test
    void passesOnMatchesAndNull() {
      assertPassed(judge(Orders.of(order("O-1"), order("O-2", "country", null)), rule));
    }

    @Test
    void theWholeValueMustMatch() {
      ConstraintResult result =
          judge(Orders.of(order("O-1"), order("O-2", "country", "USA")), rule);
      assertThat(assertFailed(result))
          .isEqualTo(
              "country: 1 of 2 rows do not match '[A-Z]{2}' (pattern match 50%, required 100%)");
      assertThat(result.examples()).isEqualTo("'USA'");
    }
  }

  @Nested
  class Predicate {
    final QualityRule rule =
        new QualityRule.Predicate("amount", ERROR, "quantity * unit_price = amount", 1.0);

    @Test
    void passesWhenEveryRowSatisfiesIt() {
      assertPassed(judge(Orders.valid(), rule));
    }

    @Test
    void failsWithCountAndTheValuesOfThePredicatesColumnsOnly() {
      ConstraintResult result =
          judge(Orders.of(order("O-1"), order("O-2", "amount", "20.00")), rule);
      assertThat(assertFailed(result))
          .isEqualTo(
              "1 of 2 rows fail quantity * unit_price = amount (compliance 50%, required 100%)");
      assertThat(result.examples()).startsWith("row {\"quantity\":").contains("\"amount\":20");
      assertThat(result.examples()).doesNotContain("order_id").doesNotContain("customer_id");
    }

    @Test
    void aMinimumFractionToleratesSomeRows() {
      QualityRule most = new QualityRule.Predicate("most", ERROR, "quantity > 1", 0.5);
      assertPassed(judge(Orders.of(order("O-1"), order("O-2", "quantity", 1)), most));
      assertFailed(
          judge(Orders.of(order("O-1", "quantity", 1), order("O-2", "quantity", 1)), most));
    }
  }

  @Nested
  class Freshness {
    // As a spec writes max-age = 24h: the messages speak in hours.
    final QualityRule rule =
        new QualityRule.Freshness(
            "freshness(order_ts)", ERROR, "order_ts", Duration.ofHours(24), ChronoUnit.HOURS);

    @Test
    void passesWhenTheNewestRowIsRecent() {
      Dataset<Row> data =
          Orders.of(
              order("O-1", "order_ts", NOW.minus(Duration.ofDays(3))),
              order("O-2", "order_ts", NOW.minusSeconds(3600)));
      QualityResult result = QualityGate.on(data).rules(List.of(rule)).at(NOW).run();
      assertPassed(result.constraints().get(0));
      assertThat(result.metrics())
          .contains(
              new Metric("Column", "order_ts", "Freshness", 3600.0),
              new Metric("Column", "order_ts", "Maximum", NOW.minusSeconds(3600).getEpochSecond()));
      assertThat(result.metrics()).noneMatch(m -> m.instance().startsWith("__"));
    }

    @Test
    void failsWhenTheNewestRowIsTooOld() {
      String message =
          assertFailed(
              judge(Orders.of(order("O-1", "order_ts", NOW.minus(Duration.ofHours(30)))), rule));
      assertThat(message)
          .isEqualTo(
              "newest order_ts 2025-02-28T06:00:00Z, 30h old at 2025-03-01T12:00:00Z,"
                  + " required at most 24h");
    }

    @Test
    void tellsTheTimeOfTheCheckToTheSecond() {
      Dataset<Row> old = Orders.of(order("O-1", "order_ts", NOW.minus(Duration.ofHours(30))));
      QualityResult result =
          QualityGate.on(old).rules(List.of(rule)).at(NOW.plusNanos(447_533_505)).run();
      assertThat(result.constraints().get(0).message())
          .isEqualTo(
              "newest order_ts 2025-02-28T06:00:00Z, 30h old at 2025-03-01T12:00:00Z,"
                  + " required at most 24h");
    }

    @Test
    void aRuleInDaysSpeaksInDays() {
      QualityRule month =
          new QualityRule.Freshness(
              "freshness(order_ts)", ERROR, "order_ts", Duration.ofDays(30), ChronoUnit.DAYS);
      Instant newest = NOW.minus(Duration.ofDays(35).plusHours(4));
      String message = assertFailed(judge(Orders.of(order("O-1", "order_ts", newest)), month));
      assertThat(message)
          .isEqualTo(
              "newest order_ts 2025-01-25T08:00:00Z, 35d 4h old at 2025-03-01T12:00:00Z,"
                  + " required at most 30d");
    }

    @Test
    void failsOnEmptyData() {
      assertThat(assertFailed(judge(Orders.of(), rule))).startsWith("no order_ts values");
    }
  }

  @Nested
  class Dqdl {
    @Test
    void passesWhenEveryDqdlRulePasses() {
      QualityRule rule =
          new QualityRule.Dqdl(
              "dqdl",
              ERROR,
              "Rules = [ IsComplete \"order_id\", RowCount > 0, ColumnValues \"quantity\" >= 0 ]");
      QualityResult result = QualityGate.on(Orders.valid()).rules(List.of(rule)).at(NOW).run();
      assertPassed(result.constraints().get(0));
      assertThat(result.metrics()).contains(new Metric("Dataset", "*", "RowCount", 3.0));
    }

    @Test
    void failsNamingTheFailedDqdlRule() {
      QualityRule rule =
          new QualityRule.Dqdl(
              "dqdl", ERROR, "Rules = [ IsComplete \"order_id\", ColumnValues \"quantity\" >= 0 ]");
      assertThat(assertFailed(judge(Orders.of(order("O-1", "quantity", -1)), rule)))
          .startsWith("1 of 2 DQDL rules failed: ColumnValues \"quantity\" >= 0: ");
    }

    @Test
    void rulesetsAreJudgedInTheirOwnPlacesAmongTheOtherRules() {
      // The rulesets are evaluated on a thread of their own: each result still lands on its rule.
      List<QualityRule> rules =
          List.of(
              new QualityRule.Dqdl("counts", ERROR, "Rules = [ RowCount > 0 ]"),
              new QualityRule.Size("size", ERROR, 1L, 1L),
              new QualityRule.Dqdl(
                  "quantities", ERROR, "Rules = [ ColumnValues \"quantity\" >= 0 ]"));
      QualityResult result =
          QualityGate.on(Orders.of(order("O-1", "quantity", -1))).rules(rules).at(NOW).run();

      assertThat(result.constraints()).hasSize(3);
      assertThat(result.constraints().get(0).message()).isEqualTo("1 DQDL rules passed");
      assertPassed(result.constraints().get(1));
      assertThat(assertFailed(result.constraints().get(2)))
          .startsWith("1 of 1 DQDL rules failed: ColumnValues \"quantity\" >= 0: ");
    }

    @Test
    void anInvalidRulesetFails() {
      QualityRule rule = new QualityRule.Dqdl("dqdl", ERROR, "Rules = [ NoSuchRule \"x\" ]");
      assertThat(assertFailed(judge(Orders.valid(), rule)))
          .startsWith("DQDL ruleset cannot be evaluated");
    }
  }
}
