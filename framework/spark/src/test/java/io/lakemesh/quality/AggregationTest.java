package io.lakemesh.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** An aggregate asked for several times is computed once and handed back at every place. */
class AggregationTest {
  @Test
  void theRowCountEveryAnalyzerAsksForIsCountedOnce() {
    // What Deequ's size, completeness and compliance analyzers ask for: each its own row count.
    Aggregation aggregation =
        Aggregation.of(
            List.of(
                count(lit(1)),
                sum(when(col("order_id").isNotNull(), 1).otherwise(0)),
                count(lit(1)),
                sum(when(col("country").isNotNull(), 1).otherwise(0)),
                count(lit(1))),
            Map.of());

    assertThat(aggregation.aggregates()).hasSize(3);
    assertThat(aggregation.layout(RowFactory.create(500L, 498L, 7L)))
        .isEqualTo(RowFactory.create(500L, 498L, 500L, 7L, 500L));
  }

  @Test
  void aggregatesThatDifferAreKeptApart() {
    Aggregation aggregation =
        Aggregation.of(
            List.of(count(lit(1)), count(col("order_id")), sum(col("quantity"))), Map.of());

    assertThat(aggregation.aggregates()).hasSize(3);
  }
}
