package io.lakemesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run's progress names what a pass over the table measured in words, not Deequ's analyzer text.
 */
class VerificationTest {
  private static List<String> metrics(String... analyzers) {
    return new Verification(null, null, List.of(analyzers)).passedMetrics();
  }

  @Test
  void eachAnalyzerReadsAsItsMeasureAndColumns() {
    assertThat(
            metrics(
                "Completeness(quantity,None,None)",
                "Uniqueness(List(order_id),None,None)",
                "Uniqueness(List(day, country, currency),None,None)",
                "Compliance(currency contained in USD,EUR,GBP,`currency` IS NULL OR `currency` IN ('USD','EUR','GBP'),"
                    + "None,List(currency),None)",
                "Size(None)",
                "Maximum(__lakemesh_epoch_micros_order_ts,None,None)"))
        .containsExactly(
            "completeness(quantity)",
            "uniqueness(order_id)",
            "uniqueness(day,country,currency)",
            "compliance(currency)",
            "size",
            "maximum(order_ts)");
  }

  @Test
  void textOfAnotherShapeIsKeptAsItIs() {
    assertThat(metrics("row count")).containsExactly("row count");
  }

  @Test
  void eachPassSaysWhyItsMetricCouldNotBeDerived() {
    Map<String, String> passes = new LinkedHashMap<>();
    passes.put(
        "Maximum(__lakemesh_epoch_micros_order_ts,None,None)", "a replaced row held the maximum");
    passes.put("Uniqueness(List(order_id),None,None)", null);

    assertThat(new Verification(null, null, passes).explainedPasses())
        .containsExactly(
            "maximum(order_ts) (a replaced row held the maximum)", "uniqueness(order_id)");
  }
}
